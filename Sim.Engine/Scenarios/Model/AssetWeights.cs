namespace Sim.Engine.Scenarios;

public readonly record struct AssetWeights(double Stocks, double Bonds, double Cash, double Reits)
{
    public double Sum => Stocks + Bonds + Cash + Reits;
    public double this[Asset a] => a switch
    {
        Asset.Stocks => Stocks,
        Asset.Bonds => Bonds,
        Asset.Cash => Cash,
        _ => Reits,
    };
}
