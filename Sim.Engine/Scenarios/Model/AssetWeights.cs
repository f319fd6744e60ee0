namespace Sim.Engine.Scenarios;

/// <summary>Fractions of the balance in each asset, each in [0, 1]; a valid allocation sums to 1 (to 1e-9).</summary>
/// <param name="Stocks">Share in stocks.</param>
/// <param name="Bonds">Share in bonds.</param>
/// <param name="Cash">Share in cash.</param>
/// <param name="Reits">Share in REITs.</param>
public readonly record struct AssetWeights(double Stocks, double Bonds, double Cash, double Reits)
{
    /// <summary>The total of the four shares (1 for a valid allocation).</summary>
    public double Sum => Stocks + Bonds + Cash + Reits;
    /// <summary>The share of asset <paramref name="a"/>.</summary>
    public double this[Asset a] => a switch
    {
        Asset.Stocks => Stocks,
        Asset.Bonds => Bonds,
        Asset.Cash => Cash,
        _ => Reits,
    };
}
