using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Sim.Worker.Jobs;

/// <summary>
/// Makes the in-memory queue survive a restart: in-memory storage forgets every job when its process ends,
/// so at startup this service re-enqueues every run that state.json says is queued or running, and removes
/// leftovers of attempts that died with the process (attempt folders, temporary files, staging folders).
/// <para>
/// It needs the output folder to itself, so it takes an exclusive lock file (<c>OUT/.inmemory-server.lock</c>)
/// for the life of the process: a second in-memory server on the same folder refuses to start. Shared queues
/// (PostgreSQL) do not use this service: their storage keeps the jobs, and each attempt cleans its own run's
/// leftovers before it computes.
/// </para>
/// </summary>
public sealed class RunRecovery(RunStore store, JobSettings settings, IBackgroundJobClient jobs, TimeProvider clock,
    ILogger<RunRecovery> logger) : IHostedService, IDisposable
{
    /// <summary>Name of the lock file in the output folder.</summary>
    public const string LockFileName = ".inmemory-server.lock";

    private FileStream? _lock;

    /// <summary>Run ids re-enqueued by the last start (for logs and tests).</summary>
    public IReadOnlyList<string> Requeued { get; private set; } = [];

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(settings.OutputPath);
        var lockPath = Path.Combine(settings.OutputPath, LockFileName);
        try
        {
            _lock = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new InvalidOperationException(
                $"another in-memory server is using {settings.OutputPath}; stop it, use another --out, or share one queue with --storage postgres");
        }

        RunStore.DeleteDirectory(settings.StagingPath);
        var requeued = new List<string>();
        foreach (var runId in store.ListRunIds())
        {
            store.DeleteTemporaries(runId);
            var state = store.LoadState(runId);
            if (state is not null && state.JobId is not null && (state.IsFinished || store.HasResult(runId)))
            {
                // The job ids of the previous process are gone with its queue; a stale id would link to another job.
                state = state with { JobId = null };
                store.SaveState(state);
            }

            if (store.HasResult(runId))
            {
                if (state is not { Status: RunStatus.Succeeded })
                {
                    // Published, then the process died before it could say so: the files are complete.
                    var now = clock.GetUtcNow();
                    store.SaveState((state ?? new RunState { RunId = runId, Status = RunStatus.Succeeded, CreatedAt = now }) with
                    {
                        Status = RunStatus.Succeeded,
                        Progress = 100,
                        FinishedAt = now,
                        Error = null,
                        Files = RunJob.ListFiles(store.ResultDirectory(runId)),
                    });
                    logger.LogInformation("Run {RunId} was published before its server stopped: marked succeeded", runId);
                }

                continue;
            }

            if (state is null or { IsFinished: true } || store.LoadRequest(runId) is null)
            {
                continue;
            }

            var jobId = RunSubmitter.Enqueue(jobs, runId);
            store.SaveState(state with
            {
                Status = RunStatus.Queued,
                Progress = 0,
                JobId = jobId,
                Error = state.Status == RunStatus.Running
                    ? $"interrupted when its server stopped; re-queued at {clock.GetUtcNow():u}"
                    : state.Error,
            });
            requeued.Add(runId);
        }

        Requeued = requeued;
        if (requeued.Count > 0)
        {
            logger.LogInformation("Re-queued {Count} unfinished run(s) after a restart: {Runs}", requeued.Count, string.Join(", ", requeued));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _lock?.Dispose();
        _lock = null;
    }
}
