using Sim.Engine.Scenarios;
using Sim.Engine.Simd;

namespace Sim.Engine.Simulation;

/// <summary>What a run produces (spec section 10): percentiles per year and metric, yearly figures, a summary.</summary>
public sealed class SimulationResult
{
    /// <summary>The scenario as run, with the effective paths and seed.</summary>
    public required Scenario Scenario { get; init; }
    /// <summary>Number of paths simulated.</summary>
    public required int Paths { get; init; }
    /// <summary>The seed used.</summary>
    public required ulong Seed { get; init; }
    /// <see cref="EngineInfo.Version"/> of the engine that produced the numbers.
    public required string EngineVersion { get; init; }
    /// <summary>Notes for the output metadata: how REIT returns were filled, loans cut to the limit, etc.</summary>
    public required IReadOnlyList<string> Notes { get; init; }
    /// <summary>The vector width the kernels ran at (does not change the numbers).</summary>
    public required SimdWidth Width { get; init; }
    /// <summary>The percentile levels, in percent (e.g. 5, 50, 95), in the order of the last index of <see cref="Percentiles"/>.</summary>
    public required IReadOnlyList<double> Levels { get; init; }
    /// <summary>Calendar year of each year index.</summary>
    public required int[] Years { get; init; }
    /// <summary>The participant's age in each year index.</summary>
    public required int[] Ages { get; init; }
    /// <summary>[metric, year index, level index], R-7.</summary>
    public required double[,,] Percentiles { get; init; }
    /// <summary>Per-year shares and means across paths.</summary>
    public required YearlyFigures Yearly { get; init; }
    /// <summary>The one-row summary.</summary>
    public required RunSummary Summary { get; init; }

    /// <summary>The <paramref name="metric"/> value at percentile level <paramref name="levelIndex"/> of year <paramref name="yearIndex"/>.</summary>
    public double Percentile(Metric metric, int yearIndex, int levelIndex) => Percentiles[(int)metric, yearIndex, levelIndex];
}

/// <summary>Per-year figures across paths, one value per year index.</summary>
/// <param name="ShareFailed">Share of paths that have failed by this year (0..1).</param>
/// <param name="ShareRmdBinding">Share of paths on which the RMD exceeded the strategy's target this year.</param>
/// <param name="MeanBalance">Mean nominal end-of-year balance.</param>
/// <param name="MeanBalanceReal">Mean end-of-year balance in start-year dollars.</param>
/// <param name="MeanWithdrawals">Mean gross nominal withdrawal of the year.</param>
public sealed record YearlyFigures(
    double[] ShareFailed,
    double[] ShareRmdBinding,
    double[] MeanBalance,
    double[] MeanBalanceReal,
    double[] MeanWithdrawals);

/// <summary>The one-row summary of a run.</summary>
public sealed record RunSummary
{
    /// <summary>Share of paths that never failed through endAge, 0..1.</summary>
    public required double SuccessProbability { get; init; }
    /// <summary>Terminal (end of the endAge year) nominal balance at each level.</summary>
    public required double[] TerminalNominal { get; init; }
    /// <summary>Terminal balance in startYear dollars at each level.</summary>
    public required double[] TerminalReal { get; init; }
    /// <summary>The age at which the median nominal balance is largest (the first on ties).</summary>
    public required int PeakAge { get; init; }
    /// <summary>Median age of first failure among failed paths; NaN when none failed.</summary>
    public required double MedianFailureAge { get; init; }
    /// <summary>Mean over paths of the nominal taxes paid over the whole horizon (penalties excluded).</summary>
    public required double MeanTotalTaxes { get; init; }
    /// <summary>Median over paths of the nominal taxes paid over the whole horizon (penalties excluded).</summary>
    public required double MedianTotalTaxes { get; init; }
    /// <summary>Paths on which a loan request was cut to the 72(p) limit.</summary>
    public required int LoanRequestsCut { get; init; }
}
