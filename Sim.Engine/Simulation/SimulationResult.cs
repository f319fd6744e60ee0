using Sim.Engine.Scenarios;
using Sim.Engine.Simd;

namespace Sim.Engine.Simulation;

/// <summary>What a run produces (spec section 10): percentiles per year and metric, yearly figures, a summary.</summary>
public sealed class SimulationResult
{
    public required Scenario Scenario { get; init; }
    public required int Paths { get; init; }
    public required ulong Seed { get; init; }
    public required string EngineVersion { get; init; }
    /// <summary>Notes for the output metadata: how REIT returns were filled, loans cut to the limit, etc.</summary>
    public required IReadOnlyList<string> Notes { get; init; }
    public required SimdWidth Width { get; init; }
    public required IReadOnlyList<double> Levels { get; init; }
    public required int[] Years { get; init; }
    public required int[] Ages { get; init; }
    /// <summary>[metric, year index, level index], R-7.</summary>
    public required double[,,] Percentiles { get; init; }
    public required YearlyFigures Yearly { get; init; }
    public required RunSummary Summary { get; init; }

    public double Percentile(Metric metric, int yearIndex, int levelIndex) => Percentiles[(int)metric, yearIndex, levelIndex];
}

/// <summary>Per-year figures across paths.</summary>
public sealed record YearlyFigures(
    double[] ShareFailed,
    double[] ShareRmdBinding,
    double[] MeanBalance,
    double[] MeanBalanceReal,
    double[] MeanWithdrawals);

/// <summary>The one-row summary of a run.</summary>
public sealed record RunSummary
{
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
    public required double MedianTotalTaxes { get; init; }
    /// <summary>Paths on which a loan request was cut to the 72(p) limit.</summary>
    public required int LoanRequestsCut { get; init; }
}
