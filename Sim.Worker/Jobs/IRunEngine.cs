using Sim.Engine.Scenarios;
using Sim.Worker.Runs;

namespace Sim.Worker.Jobs;

/// <summary>The headline figures of one computed run.</summary>
/// <param name="RunId">The run id the runner wrote into the files.</param>
/// <param name="SuccessProbability">Probability of success.</param>
/// <param name="MedianTerminalBalance">Median nominal balance at the end of the last year (null without a 50th percentile).</param>
/// <param name="WallSeconds">Wall time of the computation.</param>
public sealed record EngineRunResult(string RunId, double SuccessProbability, double? MedianTerminalBalance, double WallSeconds);

/// <summary>
/// The worker's only view of the engine: validate a scenario, compute a run. The production implementation
/// (<see cref="RunEngine"/>) calls the scenario parser and <see cref="ScenarioRunner.Run"/>; tests may substitute
/// one to provoke crashes or hold a run open, which the real engine cannot do on demand.
/// </summary>
public interface IRunEngine
{
    /// <summary>
    /// Validates scenario JSON; <paramref name="defaultStartYear"/> fills a missing <c>simulation.startYear</c>,
    /// <paramref name="defaultName"/> a missing <c>name</c>.
    /// </summary>
    ScenarioParseResult Parse(string json, int defaultStartYear, string? defaultName = null);

    /// <summary>
    /// Computes one run into <paramref name="outputDirectory"/> (see <see cref="ScenarioRunner.Run"/>),
    /// observing <paramref name="cancellationToken"/> and reporting progress as a fraction from 0 to 1.
    /// </summary>
    Task<EngineRunResult> RunAsync(Scenario scenario, string scenarioJson, string? scenarioDirectory, RunOverrides overrides,
        string outputDirectory, IProgress<double>? progress, CancellationToken cancellationToken);
}
