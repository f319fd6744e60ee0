using Sim.Engine.Scenarios;

namespace Sim.Worker.Runs;

/// <summary>What a caller may override on top of the scenario file.</summary>
public sealed record RunOverrides(int? Paths = null, ulong? Seed = null, int? Threads = null, bool PathsOut = false);

/// <summary>The files one run wrote, by name (percentiles.parquet, yearly.parquet, summary.parquet, ...).</summary>
public sealed record RunOutcome(string RunId, string Directory, IReadOnlyList<string> Files, double SuccessProbability,
    double WallSeconds);

/// <summary>
/// Runs one validated scenario and writes its Parquet files into outputDirectory (created if missing), each
/// through a temporary name and a rename. This is the one entry point both the CLI `run` verb and the
/// Hangfire jobs use.
/// </summary>
public static class ScenarioRunner
{
    public static RunOutcome Run(Scenario scenario, string scenarioJson, string? scenarioDirectory, RunOverrides overrides,
        string outputDirectory, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        throw new NotImplementedException("the engine lands with issue 3");
    }
}
