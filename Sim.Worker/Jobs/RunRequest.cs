namespace Sim.Worker.Jobs;

/// <summary>
/// What a run computes, persisted as <c>runs/&lt;id&gt;/request.json</c> before its job is queued, so the job
/// argument is only the id and every process sharing the queue (and the output folder) can read it.
/// </summary>
public sealed record RunRequest
{
    /// <summary>
    /// The scenario JSON in canonical form with <c>simulation.startYear</c> written in
    /// (<see cref="CanonicalJson.ForRun"/>): everything the computation depends on, in one spelling.
    /// </summary>
    public required string ScenarioJson { get; init; }

    /// <summary>The scenario's <c>name</c>, for display.</summary>
    public required string ScenarioName { get; init; }

    /// <summary>The file in <c>scenarios/</c> it came from, when the request named one.</summary>
    public string? ScenarioFile { get; init; }

    /// <summary>Effective path count (the request's override, else the scenario's).</summary>
    public required int Paths { get; init; }

    /// <summary>Effective seed (the request's override, else the scenario's).</summary>
    public required ulong Seed { get; init; }

    /// <summary>Effective first simulated year; the clock's year fills it at submission when the scenario omits it.</summary>
    public required int StartYear { get; init; }

    /// <summary>The engine version the id was computed for.</summary>
    public required string EngineVersion { get; init; }

    /// <summary>When the request was first accepted.</summary>
    public DateTimeOffset SubmittedAt { get; init; }

    /// <summary>The run id this request hashes to (with the engine version of this process).</summary>
    public string ComputeId() => RunIds.Compute(ScenarioJson, Paths, Seed);
}
