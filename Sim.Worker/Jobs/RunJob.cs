using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.Logging;
using Sim.Worker.Runs;

namespace Sim.Worker.Jobs;

/// <summary>
/// The Hangfire job that computes one run. Its only argument is the run id; the request is read from the
/// run store. Type and method names are part of the queue's data: do not rename them.
/// <para>
/// Life of an attempt: under the run lock, skip if already succeeded, delete leftovers of a dead attempt,
/// mark running; compute into <c>result.tmp-GUID/</c>; rename it to <c>result/</c>; mark succeeded.
/// A shutdown cancels the computation, deletes its folder and puts the run back to queued (Hangfire hands
/// the job to the next worker); a crash is retried <see cref="RetryAttempts"/> times; a
/// <see cref="RunRejectedException"/> (invalid request, timeout) fails at once.
/// </para>
/// </summary>
public sealed class RunJob(RunStore store, JobStorage storage, IRunEngine engine, JobSettings settings, TimeProvider clock,
    ILogger<RunJob> logger)
{
    /// <summary>Retries after a crash (not after a rejection).</summary>
    public const int RetryAttempts = 3;

    /// <summary>
    /// Computes run <paramref name="runId"/>. Hangfire supplies <paramref name="context"/> and
    /// <paramref name="cancellationToken"/> (cancelled on server shutdown or when the job is deleted).
    /// </summary>
    [AutomaticRetry(Attempts = RetryAttempts, DelaysInSeconds = [2, 10, 30], ExceptOn = [typeof(RunRejectedException)],
        OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [Server.RunDisplayName]
    public async Task Execute(string runId, PerformContext? context, CancellationToken cancellationToken)
    {
        if (!RunIds.IsWellFormed(runId))
        {
            throw new RunRejectedException($"'{runId}' is not a run id");
        }

        var request = store.LoadRequest(runId) ?? throw new RunRejectedException(
            $"run {runId} has no request.json under {store.Root}; every process sharing a queue must use the same --out folder");

        var attemptId = Guid.NewGuid().ToString("N");
        RunState? running = Begin(runId, attemptId, context);
        if (running is null)
        {
            return; // already complete: an at-least-once delivery of a finished run computes nothing
        }

        var check = engine.Parse(request.ScenarioJson, request.StartYear);
        if (!check.IsValid)
        {
            throw new RunRejectedException("the scenario is invalid", check.Errors);
        }

        // Checked again here, not only at submission: a link in the library may have changed since.
        if (Scenarios.HistoryFile.Open(check.Scenario!, settings.ScenariosPath, settings.ScenariosPath).Error is { } historyError)
        {
            throw new RunRejectedException("the scenario's history cannot be used", [historyError]);
        }

        var attemptDirectory = store.CreateAttemptDirectory(runId);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(settings.RunTimeout);
        try
        {
            var overrides = new RunOverrides(Paths: request.Paths, Seed: request.Seed, Threads: settings.ThreadsPerRun);
            var progress = new RunProgress(store, running, clock);
            var outcome = await engine.RunAsync(check.Scenario!, request.ScenarioJson, settings.ScenariosPath, overrides, attemptDirectory,
                progress, limit.Token);
            limit.Token.ThrowIfCancellationRequested();
            Finish(runId, attemptId, attemptDirectory, outcome);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            RunStore.DeleteDirectory(attemptDirectory);
            var shutdown = context?.CancellationToken.ShutdownToken.IsCancellationRequested ?? true;
            if (shutdown)
            {
                logger.LogInformation("Run {RunId} interrupted by shutdown; it stays queued", runId);
                UpdateIfOwner(runId, attemptId, s => s with
                {
                    Status = RunStatus.Queued,
                    Progress = 0,
                    Error = "interrupted by a worker shutdown; it resumes when a worker picks it up again",
                });
            }

            throw;
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            RunStore.DeleteDirectory(attemptDirectory);
            throw new RunRejectedException($"timed out after {settings.RunTimeout}");
        }
        catch (RunRejectedException)
        {
            RunStore.DeleteDirectory(attemptDirectory);
            throw;
        }
        catch (RunInputException e)
        {
            // A user mistake the runner found (e.g. an unreadable history CSV): retrying cannot fix it.
            RunStore.DeleteDirectory(attemptDirectory);
            throw new RunRejectedException(e.Message);
        }
        catch (Exception e) when (IsDeterministic(e))
        {
            // The same inputs fail the same way every time (an overflow, a bad argument): a retry only repeats it.
            RunStore.DeleteDirectory(attemptDirectory);
            throw new RunRejectedException(Describe(e));
        }
        catch (Exception e)
        {
            RunStore.DeleteDirectory(attemptDirectory);
            UpdateIfOwner(runId, attemptId, s => s with { Status = RunStatus.Queued, Progress = 0, Error = Describe(e) });
            throw;
        }
    }

    /// <summary>
    /// True for failures that depend only on the run's inputs and the code, which a retry would repeat
    /// (arithmetic overflow, invalid arguments, bad formats). Anything else (I/O, memory, a lost lock) is retried.
    /// </summary>
    public static bool IsDeterministic(Exception e) => e is ArithmeticException or ArgumentException or FormatException
        or IndexOutOfRangeException or InvalidCastException or NotSupportedException or KeyNotFoundException or NullReferenceException;

    /// <summary>"Type: message" of an exception, for state.json.</summary>
    public static string Describe(Exception e) => $"{e.GetType().Name}: {e.Message}";

    private RunState? Begin(string runId, string attemptId, PerformContext? context)
    {
        using var _ = RunLock.Acquire(storage, runId);
        var state = store.LoadState(runId);
        var now = clock.GetUtcNow();
        if (store.HasResult(runId))
        {
            if (state is not { Status: RunStatus.Succeeded })
            {
                // The previous attempt published and died before it could say so: the files are complete.
                store.SaveState((state ?? NewState(runId, now)) with
                {
                    Status = RunStatus.Succeeded,
                    Progress = 100,
                    FinishedAt = now,
                    Files = ListFiles(store.ResultDirectory(runId)),
                });
            }

            logger.LogInformation("Run {RunId} is already complete; nothing to compute", runId);
            return null;
        }

        var removed = store.DeleteTemporaries(runId);
        if (removed > 0)
        {
            logger.LogInformation("Run {RunId}: removed {Count} leftovers of an interrupted attempt", runId, removed);
        }

        var running = (state ?? NewState(runId, now)) with
        {
            Status = RunStatus.Running,
            Progress = 0,
            JobId = context?.BackgroundJob.Id ?? state?.JobId,
            Computations = (state?.Computations ?? 0) + 1,
            AttemptId = attemptId,
            ComputedBy = $"{Environment.MachineName}:{Environment.ProcessId}",
            StartedAt = now,
            FinishedAt = null,
        };
        store.SaveState(running);
        return running;
    }

    private void Finish(string runId, string attemptId, string attemptDirectory, EngineRunResult outcome)
    {
        if (outcome.RunId != runId)
        {
            logger.LogWarning("Run {RunId}: the runner wrote run_id {Written} into the files", runId, outcome.RunId);
        }

        using var _ = RunLock.Acquire(storage, runId);
        if (!store.Publish(runId, attemptDirectory))
        {
            logger.LogWarning("Run {RunId}: another attempt published first; this attempt's files were discarded", runId);
        }

        Files.CrashPoint.Reach("job-published");

        var current = store.LoadState(runId);
        if (current is not null && current.AttemptId != attemptId && current.Status == RunStatus.Succeeded)
        {
            return;
        }

        store.SaveState((current ?? NewState(runId, clock.GetUtcNow())) with
        {
            Status = RunStatus.Succeeded,
            Progress = 100,
            AttemptId = attemptId,
            FinishedAt = clock.GetUtcNow(),
            WallSeconds = outcome.WallSeconds,
            SuccessProbability = outcome.SuccessProbability,
            Files = ListFiles(store.ResultDirectory(runId)),
            Error = null,
        });
    }

    private void UpdateIfOwner(string runId, string attemptId, Func<RunState, RunState> change)
    {
        var state = store.LoadState(runId);
        if (state is not null && state.AttemptId == attemptId && !state.IsFinished)
        {
            store.SaveState(change(state));
        }
    }

    private static RunState NewState(string runId, DateTimeOffset now) =>
        new() { RunId = runId, Status = RunStatus.Queued, CreatedAt = now };

    /// <summary>The file names of a result folder, sorted.</summary>
    public static IReadOnlyList<string> ListFiles(string directory) => Directory.Exists(directory)
        ? Directory.EnumerateFiles(directory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList()
        : [];

    /// <summary>Writes progress into state.json at most every 250 ms.</summary>
    private sealed class RunProgress(RunStore store, RunState running, TimeProvider clock) : IProgress<double>
    {
        private static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(250);
        private readonly Lock _gate = new();
        private DateTimeOffset _lastWrite = DateTimeOffset.MinValue;

        public void Report(double value)
        {
            var percent = Math.Round(Math.Clamp(value, 0, 1) * 100, 1);
            var now = clock.GetUtcNow();
            lock (_gate)
            {
                if (now - _lastWrite < MinimumInterval)
                {
                    return;
                }

                _lastWrite = now;
                var current = store.LoadState(running.RunId);
                if (current is { Status: RunStatus.Running } && current.AttemptId == running.AttemptId)
                {
                    store.SaveState(current with { Progress = percent });
                }
            }
        }
    }
}
