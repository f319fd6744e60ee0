using Sim.Engine;
using Sim.Worker.Runs;

namespace Sim.Worker.Analysis;

/// <summary>The three questions.</summary>
public enum AnalysisKind
{
    /// <summary>The value of one field that meets a target (<c>solve</c>).</summary>
    Solve,

    /// <summary>Scenarios against the first on the same paths (<c>compare</c>).</summary>
    Compare,

    /// <summary>Each input at its low and high value (<c>sensitivity</c>).</summary>
    Sensitivity,
}

/// <summary>
/// What one question computes, persisted as <c>analyses/&lt;id&gt;/request.json</c> before its job is queued (the job
/// argument is only the id). The id hashes the kind, the field and target, every scenario's canonical JSON, the paths,
/// the seed and the engine version, so the same question asked twice (CLI or HTTP) is one analysis.
/// </summary>
public sealed record AnalysisRequest
{
    /// <summary>Which question.</summary>
    public required AnalysisKind Kind { get; init; }

    /// <summary>Each scenario in canonical form (<see cref="Jobs.CanonicalJson.ForRun"/>): for compare, A first.</summary>
    public required IReadOnlyList<string> ScenarioJsons { get; init; }

    /// <summary>Each scenario's name, for display and folder names.</summary>
    public required IReadOnlyList<string> ScenarioNames { get; init; }

    /// <summary>solve: the field (JSON path without <c>$.</c>).</summary>
    public string? Field { get; init; }

    /// <summary>solve: the target, canonical spelling (<c>success=0.9</c>).</summary>
    public string? Target { get; init; }

    /// <summary>Paths of every trial (the request's override, else the first scenario's).</summary>
    public required int Paths { get; init; }

    /// <summary>Seed of every trial (the request's override, else the first scenario's).</summary>
    public required ulong Seed { get; init; }

    /// <summary>The engine version the id was computed for.</summary>
    public string EngineVersion { get; init; } = EngineInfo.Version;

    /// <summary>When the request was first accepted.</summary>
    public DateTimeOffset SubmittedAt { get; init; }

    /// <summary>The analysis id (16 hex digits), from <see cref="RunIdentity"/> over everything the answer depends on.</summary>
    public string ComputeId() => RunIdentity.Compute(
        string.Join('\n', [$"analysis:{Kind}", Field ?? "", Target ?? "", .. ScenarioJsons]), Paths, Seed);

    /// <summary>The lowercase kind as URLs and file metadata spell it.</summary>
    public string KindName => KindNames.Name(Kind);
}

/// <summary>The URL spelling of each kind: <c>solve</c>, <c>compare</c>, <c>sensitivity</c>.</summary>
public static class KindNames
{
    /// <summary>The kind's lowercase name as in URLs and the CLI verb (<c>solve</c>, <c>compare</c>, <c>sensitivity</c>).</summary>
    public static string Name(AnalysisKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>The kind named <paramref name="name"/>; null for any other string.</summary>
    public static AnalysisKind? Parse(string name) => name switch
    {
        "solve" => AnalysisKind.Solve,
        "compare" => AnalysisKind.Compare,
        "sensitivity" => AnalysisKind.Sensitivity,
        _ => null,
    };
}
