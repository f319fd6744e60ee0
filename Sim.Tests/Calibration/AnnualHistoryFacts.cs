using Sim.Engine.Calibration;
using Sim.Engine.Returns;

namespace Sim.Tests.Calibration;

/// <summary>The calibration input: a parsed history's columns, a year range, and the shipped 1928-2025 data.</summary>
public sealed class AnnualHistoryFacts
{
    private static readonly MarketHistory Four = MarketHistory.ParseCsv(
        "year,stocks,bonds,cash,inflation,reits\n2001,0.1,0.5,0.01,0.001,1\n2002,0.2,0.6,0.02,0.002,2\n" +
        "2003,0.3,0.7,0.03,0.003,3\n2004,0.4,0.8,0.04,0.004,4\n", "four.csv");

    [Fact]
    public void From_CopiesEveryColumnAndTheYears()
    {
        var h = AnnualHistory.From(Four);

        Assert.Equal("four.csv", h.Name);
        Assert.Equal([2001, 2002, 2003, 2004], h.Years);
        Assert.Equal([0.1, 0.2, 0.3, 0.4], h.Stocks);
        Assert.Equal([0.5, 0.6, 0.7, 0.8], h.Bonds);
        Assert.Equal([0.01, 0.02, 0.03, 0.04], h.Cash);
        Assert.Equal([1.0, 2.0, 3.0, 4.0], h.Reits!);
        Assert.Equal([0.001, 0.002, 0.003, 0.004], h.Inflation);
    }

    [Fact]
    public void Between_KeepsTheYearsInTheInclusiveRange()
    {
        var h = AnnualHistory.From(Four);

        var middle = h.Between(2002, 2003);
        Assert.Equal([2002, 2003], middle.Years);
        Assert.Equal([0.2, 0.3], middle.Stocks);
        Assert.Equal([0.6, 0.7], middle.Bonds);
        Assert.Equal([0.02, 0.03], middle.Cash);
        Assert.Equal([0.002, 0.003], middle.Inflation);
        Assert.Equal([2.0, 3.0], middle.Reits!);
        Assert.Equal([2003, 2004], h.Between(2003, null).Years);
        Assert.Equal([2001], h.Between(null, 2001).Years);
        Assert.Same(h, h.Between(null, null));
    }

    /// <summary>
    /// The shipped data, against figures computed independently from shared/data/damodaran_histretSP_1928_2025.csv
    /// with Python's statistics module (mean, stdev with n − 1; Pearson on log1p of the returns and the raw CPI):
    /// these are the numbers docs/calibration-notes.md quotes.
    /// </summary>
    [Fact]
    public void BuiltIn_1928To2025_GivesTheDocumentedEstimates()
    {
        var c = Calibrator.Estimate(AnnualHistory.From(MarketHistory.BuiltIn()));

        Assert.Equal((1928, 2025, 98), (c.FirstYear, c.LastYear, c.Years));
        Assert.Equal(0.11854655102040816, c.Stocks.Mean, 12);
        Assert.Equal(0.19403430414064088, c.Stocks.Stdev, 12);
        Assert.Equal(0.04822360204081633, c.Bonds.Mean, 12);
        Assert.Equal(0.07902423147113094, c.Bonds.Stdev, 12);
        Assert.Equal(0.03414944897959184, c.Cash.Mean, 12);
        Assert.Equal(0.030358025318855255, c.Cash.Stdev, 12);
        Assert.Equal(0.03108337755102041, c.Inflation.Mean, 12);
        Assert.Equal(0.03895255524895634, c.Inflation.Stdev, 12);
        Assert.Equal(0.022383, c.Correlation[0, 1], 6);
        Assert.Equal(-0.004302, c.Correlation[0, 2], 6);
        Assert.Equal(0.045692, c.Correlation[0, 4], 6);
        Assert.Equal(0.266397, c.Correlation[1, 2], 6);
        Assert.Equal(-0.112740, c.Correlation[1, 4], 6);
        Assert.Equal(0.366827, c.Correlation[2, 4], 6);
        Assert.True(c.ReitsFromDefaults);
        Assert.True(c.IsPositiveDefinite);
    }
}
