using System.ComponentModel;
using Hangfire;
using Microsoft.Extensions.Logging;
using Sim.Engine.Scenarios;
using Sim.Worker.Jobs;
using Sim.Worker.Runs;

namespace Sim.Worker.Analysis;

/// <summary>
/// Queues analyses idempotently: the same request (same id) never makes a second job while the analysis is queued,
/// running or succeeded; a failed one is queued again. The job's only argument is the id.
/// </summary>
public sealed class AnalysisSubmitter(AnalysisStore store, JobStorage storage, IBackgroundJobClient jobs, TimeProvider clock)
{
    public (AnalysisState State, SubmitOutcome Outcome) Submit(AnalysisRequest request)
    {
        string id = request.ComputeId();
        using var _ = RunLock.Acquire(storage, id);
        var state = store.LoadState(id);
        if (state is { Status: RunStatus.Queued or RunStatus.Running })
        {
            return (state, SubmitOutcome.AlreadyQueued);
        }

        if (state is { Status: RunStatus.Succeeded } && store.HasResult(id))
        {
            return (state, SubmitOutcome.AlreadySucceeded);
        }

        store.SaveRequest(id, request with { SubmittedAt = clock.GetUtcNow() });
        var queued = new AnalysisState
        {
            AnalysisId = id,
            Kind = request.Kind,
            Status = RunStatus.Queued,
            CreatedAt = state?.CreatedAt ?? clock.GetUtcNow(),
        };
        store.SaveState(queued);
        string jobId = jobs.Enqueue<AnalysisJob>(job => job.Execute(id, CancellationToken.None));
        queued = queued with { JobId = jobId };
        store.SaveState(queued);
        return (queued, SubmitOutcome.Queued);
    }
}

/// <summary>
/// The Hangfire job of one analysis (solve, compare or sensitivity). Its only argument is the id; the request is
/// read from the analysis store. Computes into a temporary folder and publishes it as <c>result/</c> in one rename.
/// A user mistake the computation finds (a field that does not apply, scenarios over different years) fails the
/// analysis with that message and is not retried; a shutdown puts it back in the queue. Type and method names are
/// part of the queue's data: do not rename them.
/// </summary>
public sealed class AnalysisJob(AnalysisStore store, JobStorage storage, JobSettings settings, TimeProvider clock,
    ILogger<AnalysisJob> logger)
{
    [AutomaticRetry(Attempts = 0)]
    [DisplayName("analysis {0}")]
    public Task Execute(string analysisId, CancellationToken cancellationToken) =>
        ExecuteAsync(analysisId, cancellationToken);

    private async Task ExecuteAsync(string id, CancellationToken cancellationToken)
    {
        if (!RunIds.IsWellFormed(id) || store.LoadRequest(id) is not { } request)
        {
            logger.LogWarning("Analysis {Id} has no request under {Root}", id, store.Root);
            return;
        }

        AnalysisState running;
        using (RunLock.Acquire(storage, id))
        {
            var state = store.LoadState(id);
            if (store.HasResult(id) && state is { Status: RunStatus.Succeeded })
            {
                return;
            }

            running = (state ?? new AnalysisState { AnalysisId = id, Kind = request.Kind, Status = RunStatus.Queued, CreatedAt = clock.GetUtcNow() })
                with { Status = RunStatus.Running, Progress = 0, StartedAt = clock.GetUtcNow(), Error = null };
            store.SaveState(running);
        }

        var scenarios = new List<Scenario>();
        foreach (var json in request.ScenarioJsons)
        {
            var parsed = ScenarioJson.Parse(json, clock.GetLocalNow().Year);
            if (!parsed.IsValid)
            {
                Fail(running, "a scenario is invalid: " + string.Join("; ", parsed.Errors));
                return;
            }

            scenarios.Add(parsed.Scenario!);
        }

        string attempt = store.CreateAttemptDirectory(id);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(settings.RunTimeout);
        try
        {
            var progress = new StateProgress(store, running, clock);
            var outcome = await AnalysisRunner.RunAsync(request, scenarios, settings.ScenariosPath, settings.ThreadsPerRun ?? 0,
                _ => attempt, progress, limit.Token);
            using (RunLock.Acquire(storage, id))
            {
                store.Publish(id, attempt);
                store.SaveState(running with
                {
                    Status = RunStatus.Succeeded,
                    Progress = 100,
                    FinishedAt = clock.GetUtcNow(),
                    WallSeconds = outcome.WallSeconds,
                    Answer = outcome.Answer,
                    Files = RunJob.ListFiles(store.ResultDirectory(id)),
                });
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            RunStore.DeleteDirectory(attempt);
            store.SaveState(running with { Status = RunStatus.Queued, Progress = 0, Error = "interrupted by a worker shutdown; it resumes when a worker picks it up again" });
            throw;
        }
        catch (OperationCanceledException)
        {
            RunStore.DeleteDirectory(attempt);
            Fail(running, $"timed out after {settings.RunTimeout}");
        }
        catch (RunInputException e)
        {
            RunStore.DeleteDirectory(attempt);
            Fail(running, e.Message);
        }
        catch (Exception e)
        {
            RunStore.DeleteDirectory(attempt);
            logger.LogError(e, "Analysis {Id} crashed", id);
            Fail(running, RunJob.Describe(e));
        }
    }

    private void Fail(AnalysisState running, string error) =>
        store.SaveState(running with { Status = RunStatus.Failed, FinishedAt = clock.GetUtcNow(), Error = error });

    /// <summary>Writes progress into state.json at most every 250 ms.</summary>
    private sealed class StateProgress(AnalysisStore store, AnalysisState running, TimeProvider clock) : IProgress<double>
    {
        private readonly Lock _gate = new();
        private DateTimeOffset _last = DateTimeOffset.MinValue;

        public void Report(double value)
        {
            var now = clock.GetUtcNow();
            lock (_gate)
            {
                if (now - _last < TimeSpan.FromMilliseconds(250))
                {
                    return;
                }

                _last = now;
                store.SaveState(running with { Progress = Math.Round(Math.Clamp(value, 0, 1) * 100, 1) });
            }
        }
    }
}
