namespace Sim.Engine.Scenarios;

/// <c>$.returns</c>: the return model and its parameters, plus stress shocks (docs/model.md section 3).
public sealed record Returns
{
    /// <summary>Stocks: 10% mean, 18% standard deviation (the seeds' values).</summary>
    public static readonly MeanStdev DefaultStocks = new(0.10, 0.18);
    /// <summary>Bonds: 5.5% mean, 7% standard deviation.</summary>
    public static readonly MeanStdev DefaultBonds = new(0.055, 0.07);
    /// <summary>Cash: 2% mean, 1% standard deviation.</summary>
    public static readonly MeanStdev DefaultCash = new(0.02, 0.01);
    /// <summary>REITs: 9% mean, 21% standard deviation.</summary>
    public static readonly MeanStdev DefaultReits = new(0.09, 0.21);
    /// <summary>Inflation: 2.5% mean, 1.5% standard deviation.</summary>
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

    /// <summary>Which return model draws the years; lognormal by default.</summary>
    public ReturnModelKind Model { get; init; } = ReturnModelKind.Lognormal;
    /// <summary>Annual simple return of stocks (mean and standard deviation); <see cref="DefaultStocks"/> when absent.</summary>
    public MeanStdev Stocks { get; init; } = DefaultStocks;
    /// <summary>Annual simple return of bonds; <see cref="DefaultBonds"/> when absent.</summary>
    public MeanStdev Bonds { get; init; } = DefaultBonds;
    /// <summary>Annual simple return of cash; <see cref="DefaultCash"/> when absent.</summary>
    public MeanStdev Cash { get; init; } = DefaultCash;
    /// <summary>Annual simple return of REITs; <see cref="DefaultReits"/> when absent.</summary>
    public MeanStdev Reits { get; init; } = DefaultReits;
    /// <summary>Annual inflation (normal, in the correlation matrix); <see cref="DefaultInflation"/> when absent.</summary>
    public MeanStdev Inflation { get; init; } = DefaultInflation;
    /// <summary>5 x 5 over stocks, bonds, cash, reits, inflation; applies to the underlying normals.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Correlation { get; init; } = DefaultCorrelation;
    /// <summary>studentT: degrees of freedom of the multivariate Student-t (above 2; lower = fatter tails); default 5.</summary>
    public double DegreesOfFreedom { get; init; } = 5;
    /// <summary>Path of a history CSV, relative to the scenario file; null = the built-in Damodaran 1928-2025.</summary>
    public string? History { get; init; }
    /// <summary>bootstrap: consecutive historical years drawn at a time (circular), at least 1; default 1.</summary>
    public int BlockLength { get; init; } = 1;
    /// <summary>Indexing rate for limits and brackets after 2026; null = the inflation mean.</summary>
    public double? LimitIndexing { get; init; }
    /// <summary>Stress overlays that pin chosen assets' returns in chosen years on every path; none by default.</summary>
    public IReadOnlyList<Shock> Shocks { get; init; } = [];

    /// <summary>The indexing rate actually used for limits and brackets after 2026: <see cref="LimitIndexing"/> or the inflation mean.</summary>
    public double EffectiveLimitIndexing => LimitIndexing ?? Inflation.Mean;

    /// <summary>The return parameters of asset <paramref name="a"/>.</summary>
    public MeanStdev this[Asset a] => a switch
    {
        Asset.Stocks => Stocks,
        Asset.Bonds => Bonds,
        Asset.Cash => Cash,
        _ => Reits,
    };
}
