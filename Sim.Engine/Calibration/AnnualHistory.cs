using Sim.Engine.Returns;

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
    /// <summary>Number of years (rows).</summary>
    public int Count => Years.Count;

    /// <summary>The columns of a parsed history (a user CSV or <see cref="MarketHistory.BuiltIn"/>).</summary>
    public static AnnualHistory From(MarketHistory h) => new(
        h.Source,
        Enumerable.Range(h.FirstYear, h.Count).ToArray(),
        h.Stocks, h.Bonds, h.Cash, h.Reits, h.Inflation);

    /// <summary>The years from <paramref name="from"/> to <paramref name="to"/> inclusive (null: no bound).</summary>
    public AnnualHistory Between(int? from, int? to)
    {
        if (from is null && to is null)
        {
            return this;
        }

        var keep = Enumerable.Range(0, Count)
            .Where(i => (from is null || Years[i] >= from) && (to is null || Years[i] <= to))
            .ToArray();
        IReadOnlyList<T> Take<T>(IReadOnlyList<T> x) => keep.Select(i => x[i]).ToArray();
        return new AnnualHistory(Name, Take(Years), Take(Stocks), Take(Bonds), Take(Cash), Reits is null ? null : Take(Reits), Take(Inflation));
    }
}
