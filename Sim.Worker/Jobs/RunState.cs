namespace Sim.Worker.Jobs;

/// <summary>
/// The observable state of one run, persisted as <c>runs/&lt;id&gt;/state.json</c> (replaced atomically on every
/// change). The job, its state filter and the submitter are its only writers, each under the run's lock.
/// </summary>
public sealed record RunState
{
    /// <summary>The run id (16 hex digits).</summary>
    public required string RunId { get; init; }

    /// <summary>Current status.</summary>
    public required RunStatus Status { get; init; }

    /// <summary>Percent done, 0 to 100, while running; 100 once succeeded.</summary>
    public double Progress { get; init; }

    /// <summary>The Hangfire job currently responsible for the run.</summary>
    public string? JobId { get; init; }

    /// <summary>How many times a computation of this run started (1 for a run that was never interrupted).</summary>
    public int Computations { get; init; }

    /// <summary>The attempt that owns the run now; a stale attempt (an older, abandoned one) never writes over it.</summary>
    public string? AttemptId { get; init; }

    /// <summary>The process that computed (or is computing) it: <c>host:pid</c>.</summary>
    public string? ComputedBy { get; init; }

    /// <summary>When the run was first queued.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the current or last computation started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it succeeded or failed.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Wall time of the successful computation, seconds.</summary>
    public double? WallSeconds { get; init; }

    /// <summary>Why it failed; while queued again after a crash, the crash that caused the retry.</summary>
    public string? Error { get; init; }

    /// <summary>Validation errors ("$.path: message") when the run was rejected as invalid.</summary>
    public IReadOnlyList<string> ValidationErrors { get; init; } = [];

    /// <summary>Probability of success, once succeeded.</summary>
    public double? SuccessProbability { get; init; }

    /// <summary>Names of the files in the result folder, once succeeded.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>True for succeeded and failed.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsFinished => Status is RunStatus.Succeeded or RunStatus.Failed;
}
