namespace Sim.Engine.Scenarios;

public sealed record Returns
{
    public static readonly MeanStdev DefaultStocks = new(0.10, 0.18);
    public static readonly MeanStdev DefaultBonds = new(0.055, 0.07);
    public static readonly MeanStdev DefaultCash = new(0.02, 0.01);
    public static readonly MeanStdev DefaultReits = new(0.09, 0.21);
    public static readonly MeanStdev DefaultInflation = new(0.025, 0.015);

    /// <summary>The example scenario's matrix; order stocks, bonds, cash, reits, inflation.</summary>
    public static readonly IReadOnlyList<IReadOnlyList<double>> DefaultCorrelation =
    [
        [1.00, 0.10, 0.00, 0.60, -0.05],
        [0.10, 1.00, 0.20, 0.20, -0.20],
        [0.00, 0.20, 1.00, 0.00, 0.50],
        [0.60, 0.20, 0.00, 1.00, 0.05],
        [-0.05, -0.20, 0.50, 0.05, 1.00],
    ];

    public ReturnModelKind Model { get; init; } = ReturnModelKind.Lognormal;
    public MeanStdev Stocks { get; init; } = DefaultStocks;
    public MeanStdev Bonds { get; init; } = DefaultBonds;
    public MeanStdev Cash { get; init; } = DefaultCash;
    public MeanStdev Reits { get; init; } = DefaultReits;
    public MeanStdev Inflation { get; init; } = DefaultInflation;
    /// <summary>5 x 5 over stocks, bonds, cash, reits, inflation; applies to the underlying normals.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Correlation { get; init; } = DefaultCorrelation;
    public double DegreesOfFreedom { get; init; } = 5;
    /// <summary>Path of a history CSV, relative to the scenario file; null = the built-in Damodaran 1928-2025.</summary>
    public string? History { get; init; }
    public int BlockLength { get; init; } = 1;
    /// <summary>Indexing rate for limits and brackets after 2026; null = the inflation mean.</summary>
    public double? LimitIndexing { get; init; }
    public IReadOnlyList<Shock> Shocks { get; init; } = [];

    public double EffectiveLimitIndexing => LimitIndexing ?? Inflation.Mean;

    public MeanStdev this[Asset a] => a switch
    {
        Asset.Stocks => Stocks,
        Asset.Bonds => Bonds,
        Asset.Cash => Cash,
        _ => Reits,
    };
}
