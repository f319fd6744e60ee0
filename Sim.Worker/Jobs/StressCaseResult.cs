namespace Sim.Worker.Jobs;

/// <summary>Tonight's outcome of one scenario under one overlay.</summary>
/// <param name="Scenario">Scenario file stem.</param>
/// <param name="Stress">Overlay file stem, or <see cref="StressSuite.Unstressed"/>.</param>
/// <param name="Status"><c>ok</c> or why there is no result.</param>
/// <param name="Paths">Paths simulated.</param>
/// <param name="SuccessProbability">Probability of success.</param>
/// <param name="MedianTerminalBalance">Median nominal balance at the end of the last year.</param>
/// <param name="Seed">Seed used (the scenario's).</param>
public sealed record StressCaseResult(string Scenario, string Stress, string Status, int? Paths, double? SuccessProbability,
    double? MedianTerminalBalance, ulong? Seed = null)
{
    /// <summary>The status of a case that produced its files.</summary>
    public const string Ok = "ok";
}
