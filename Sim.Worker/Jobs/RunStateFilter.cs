using Hangfire.States;
using Hangfire.Storage;

namespace Sim.Worker.Jobs;

/// <summary>
/// Mirrors the final Hangfire states of <see cref="RunJob"/> into state.json: <c>Failed</c> (a rejection, or a
/// crash after the last retry) and <c>Deleted</c> (removed from the dashboard) both make the run failed with
/// the reason. Registered per host through the host's job filter provider.
/// </summary>
public sealed class RunStateFilter(RunStore store, TimeProvider clock) : IApplyStateFilter
{
    /// <inheritdoc />
    public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
        var job = context.BackgroundJob.Job;
        if (job is null || job.Type != typeof(RunJob) || job.Args.Count == 0 || job.Args[0] is not string runId
            || !RunIds.IsWellFormed(runId))
        {
            return;
        }

        string error;
        IReadOnlyList<string> validation = [];
        switch (context.NewState)
        {
            case FailedState { Exception: RunRejectedException rejected }:
                error = rejected.Message;
                validation = rejected.Errors.Select(e => e.ToString()).ToList();
                break;
            case FailedState failed:
                error = RunJob.Describe(failed.Exception);
                break;
            case DeletedState:
                error = "the job was deleted before the run completed";
                break;
            default:
                return;
        }

        var state = store.LoadState(runId);
        if (state is { Status: RunStatus.Succeeded })
        {
            return;
        }

        var now = clock.GetUtcNow();
        store.SaveState((state ?? new RunState { RunId = runId, Status = RunStatus.Failed, CreatedAt = now }) with
        {
            Status = RunStatus.Failed,
            Progress = 0,
            FinishedAt = now,
            Error = error,
            ValidationErrors = validation,
            JobId = context.BackgroundJob.Id,
        });
    }

    /// <inheritdoc />
    public void OnStateUnapplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
    }
}
