namespace Sim.Engine.Calibration;

/// <summary>
/// A history to calibrate from: one row per calendar year of decimal simple annual returns (0.05 = 5%) of stocks,
/// bonds and cash, optionally REITs, and the inflation rate. All arrays have one element per year, in year order.
/// </summary>
public sealed record AnnualHistory(
    string Name,
    IReadOnlyList<int> Years,
    IReadOnlyList<double> Stocks,
    IReadOnlyList<double> Bonds,
    IReadOnlyList<double> Cash,
    IReadOnlyList<double>? Reits,
    IReadOnlyList<double> Inflation)
{
    public int Count => Years.Count;
}
