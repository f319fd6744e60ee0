using Sim.Engine.Returns;
using Sim.Engine.Simulation;

namespace Sim.Engine.Analysis;

/// <summary>
/// How every trial of one question runs: the same paths and seed for all of them (common random numbers), so a
/// difference between trials comes from the inputs, never from sampling noise.
/// </summary>
public sealed record AnalysisOptions
{
    /// <summary>Paths of every trial; null = the scenario's own.</summary>
    public int? Paths { get; init; }

    /// <summary>Seed of every trial; null = the scenario's own.</summary>
    public ulong? Seed { get; init; }

    /// <summary>Engine threads per run; 0 = the thread pool decides.</summary>
    public int Threads { get; init; }

    /// <summary>A scenario's own history CSV, already read (bootstrap and historical models); null = built in.</summary>
    public MarketHistory? History { get; init; }

    /// <summary>The engine options of one run (paths, seed, threads).</summary>
    public SimulationOptions Simulation => new() { Paths = Paths, Seed = Seed, Threads = Threads };
}

/// <summary>What one trial (one run of one variant of the scenario) reached.</summary>
/// <param name="Success">Share of paths that never fail.</param>
/// <param name="MedianTerminalReal">Median balance at the end of the endAge year, in startYear dollars.</param>
/// <param name="Paths">Number of paths.</param>
public sealed record TrialOutcome(double Success, double MedianTerminalReal, int Paths)
{
    /// <summary>Monte Carlo standard error of the success share: sqrt(p(1 − p)/n).</summary>
    public double SuccessStandardError => MonteCarlo.ProportionStandardError(Success, Paths);
}

/// <summary>The standard errors every analysis reports, in one place.</summary>
public static class MonteCarlo
{
    /// <summary>Standard error of a share p estimated from n independent paths: sqrt(p(1 − p)/n).</summary>
    public static double ProportionStandardError(double p, int n) => n > 0 ? Math.Sqrt(Math.Max(0, p * (1 - p)) / n) : 0;

    /// <summary>Runs one variant and keeps only success and the median terminal real balance (the engine then
    /// computes one percentile level instead of seven).</summary>
    public static TrialOutcome Evaluate(Scenarios.Scenario scenario, AnalysisOptions options,
        CancellationToken cancellationToken = default)
    {
        var lean = scenario with { Simulation = scenario.Simulation with { Percentiles = [50.0] } };
        var result = SimulationEngine.Run(lean, options.Simulation, options.History, null, null, cancellationToken);
        // The share as successes / paths, so 3,302 of 10,000 reads 0.3302 (not 1 − 0.6698 = 0.33020000000000005).
        double success = Math.Round(result.Summary.SuccessProbability * result.Paths) / result.Paths;
        return new TrialOutcome(success, result.Summary.TerminalReal[0], result.Paths);
    }
}
