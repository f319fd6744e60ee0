namespace Sim.Worker.Jobs;

/// <summary>Where a run is in its life. Serialized in lowercase (<c>"queued"</c>, ...).</summary>
public enum RunStatus
{
    /// <summary>Waiting for a worker (also after an interruption or while a retry is scheduled).</summary>
    Queued,

    /// <summary>A worker is computing it; <see cref="RunState.Progress"/> says how far.</summary>
    Running,

    /// <summary>Its files are complete in <c>runs/&lt;id&gt;/result/</c>.</summary>
    Succeeded,

    /// <summary>Rejected (invalid, timed out) or crashed more often than the retry policy allows; see the error.</summary>
    Failed,
}
