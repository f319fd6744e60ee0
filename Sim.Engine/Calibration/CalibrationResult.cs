using Sim.Engine.Scenarios;

namespace Sim.Engine.Calibration;

/// <summary>
/// Return-model parameters estimated from a history: arithmetic mean and sample standard deviation of each
/// simple annual return (the lognormal model's <c>mean</c>/<c>stdev</c> inputs), and the 5 × 5 correlation of the
/// underlying normals in the order stocks, bonds, cash, reits, inflation.
/// </summary>
public sealed record CalibrationResult
{
    /// <summary>Where the history came from (a file name or the built-in table).</summary>
    public required string Source { get; init; }
    /// <summary>First calendar year of the history.</summary>
    public required int FirstYear { get; init; }
    /// <summary>Last calendar year of the history.</summary>
    public required int LastYear { get; init; }
    /// <summary>Number of years estimated from.</summary>
    public required int Years { get; init; }
    /// <summary>Stocks: mean and sample standard deviation of the simple annual return.</summary>
    public required MeanStdev Stocks { get; init; }
    /// <summary>Bonds: mean and sample standard deviation of the simple annual return.</summary>
    public required MeanStdev Bonds { get; init; }
    /// <summary>Cash: mean and sample standard deviation of the simple annual return.</summary>
    public required MeanStdev Cash { get; init; }
    /// <summary>REITs: estimated, or the scenario defaults when <see cref="ReitsFromDefaults"/>.</summary>
    public required MeanStdev Reits { get; init; }
    /// <summary>Inflation: mean and sample standard deviation of the annual rate.</summary>
    public required MeanStdev Inflation { get; init; }
    /// <summary>[i, j] over stocks, bonds, cash, reits, inflation; symmetric with a unit diagonal.</summary>
    public required double[,] Correlation { get; init; }
    /// <summary>True when the history had no REIT series: the REIT mean, stdev and correlation row are the
    /// scenario defaults, not estimates.</summary>
    public required bool ReitsFromDefaults { get; init; }
    /// <summary>Whether <see cref="Correlation"/> has a Cholesky factor (the engine needs one).</summary>
    public required bool IsPositiveDefinite { get; init; }
}
