using Sim.Engine.Scenarios;
using Sim.Worker.Runs;

namespace Sim.Worker.Jobs;

/// <summary>The production <see cref="IRunEngine"/>: the scenario parser and the shared scenario runner.</summary>
public sealed class RunEngine : IRunEngine
{
    /// <inheritdoc />
    public ScenarioParseResult Parse(string json, int defaultStartYear, string? defaultName = null) =>
        ScenarioJson.Parse(json, defaultStartYear, defaultName);

    /// <inheritdoc />
    public async Task<EngineRunResult> RunAsync(Scenario scenario, string scenarioJson, string? scenarioDirectory, RunOverrides overrides,
        string outputDirectory, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var outcome = await ScenarioRunner.RunAsync(scenario, scenarioJson, scenarioDirectory, overrides, outputDirectory, progress, cancellationToken);
        var result = outcome.Result;
        var median = result.Levels.ToList().IndexOf(50.0) is var j and >= 0 ? result.Summary.TerminalNominal[j] : (double?)null;
        return new EngineRunResult(outcome.RunId, outcome.SuccessProbability, median, outcome.WallSeconds);
    }
}
