using Hangfire;

namespace Sim.Worker.Jobs;

/// <summary>How a submission was answered.</summary>
public enum SubmitOutcome
{
    /// <summary>A new job was queued for the run (first submission, or a resubmission of a failed run).</summary>
    Queued,

    /// <summary>The run was already queued or running: no second job.</summary>
    AlreadyQueued,

    /// <summary>The run already succeeded: nothing to compute.</summary>
    AlreadySucceeded,
}

/// <summary>The run id, what happened, and the state after the submission.</summary>
public sealed record SubmitResult(string RunId, SubmitOutcome Outcome, RunState State);

/// <summary>
/// Idempotent submission: the same request (same id) never makes a second job while the run is queued,
/// running or succeeded. Under the run lock it persists the request, marks the run queued and enqueues a
/// <see cref="RunJob"/> whose only argument is the id. A failed run is queued again on resubmission.
/// </summary>
public sealed class RunSubmitter(RunStore store, JobStorage storage, IBackgroundJobClient jobs, TimeProvider clock)
{
    /// <summary>Submits <paramref name="request"/>; see the type summary.</summary>
    public SubmitResult Submit(RunRequest request)
    {
        var runId = request.ComputeId();
        using var _ = RunLock.Acquire(storage, runId);
        var state = store.LoadState(runId);
        if (state is { Status: RunStatus.Queued or RunStatus.Running })
        {
            return new SubmitResult(runId, SubmitOutcome.AlreadyQueued, state);
        }

        if (state is { Status: RunStatus.Succeeded } && store.HasResult(runId))
        {
            return new SubmitResult(runId, SubmitOutcome.AlreadySucceeded, state);
        }

        store.SaveRequest(runId, request);
        var now = clock.GetUtcNow();
        var queued = new RunState
        {
            RunId = runId,
            Status = RunStatus.Queued,
            CreatedAt = state?.CreatedAt ?? now,
            Computations = state?.Computations ?? 0,
        };
        store.SaveState(queued);
        var jobId = Enqueue(jobs, runId);
        queued = queued with { JobId = jobId };
        store.SaveState(queued);
        return new SubmitResult(runId, SubmitOutcome.Queued, queued);
    }

    /// <summary>Queues the job of one run (its only argument is the id).</summary>
    public static string Enqueue(IBackgroundJobClient jobs, string runId) =>
        jobs.Enqueue<RunJob>(job => job.Execute(runId, null, CancellationToken.None));
}
