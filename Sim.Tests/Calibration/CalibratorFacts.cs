using Sim.Engine.Calibration;
using Sim.Engine.Scenarios;

namespace Sim.Tests.Calibration;

/// <summary>The estimator on four-year histories whose moments are known in closed form.</summary>
public sealed class CalibratorFacts
{
    /// <summary>Simple returns with round means and sums of squares: stocks 0.10, −0.10, 0.30, 0.10 have mean 0.10
    /// and Σ(x − x̄)² = 0.08, so the sample stdev is √(0.08/3).</summary>
    private static readonly AnnualHistory Simple = new("simple", [2001, 2002, 2003, 2004],
        Stocks: [0.10, -0.10, 0.30, 0.10],
        Bonds: [0.05, 0.01, 0.09, 0.05],
        Cash: [0.02, 0.03, 0.01, 0.02],
        Reits: [0.25, -0.15, 0.05, 0.05],
        Inflation: [0.02, 0.04, 0.00, 0.02]);

    /// <summary>Assets given as r = e^x − 1 for round log returns x, inflation as raw rates, so every
    /// correlation of the underlying normals is a closed form (−1/√5, 1/√2, ...).</summary>
    private static AnnualHistory Logs(bool withReits = true) => new("logs", [1990, 1991, 1992, 1993],
        Stocks: Exp([0.10, -0.10, 0.20, 0.00]),
        Bonds: Exp([0.05, 0.05, -0.05, -0.05]),
        Cash: Exp([0.01, 0.03, 0.01, 0.03]),
        Reits: withReits ? Exp([0.20, -0.20, 0.20, -0.20]) : null,
        Inflation: [0.02, 0.04, 0.00, 0.02]);

    [Fact]
    public void Means_AreArithmeticMeansOfTheSimpleReturns()
    {
        var c = Calibrator.Estimate(Simple);

        Assert.Equal(0.10, c.Stocks.Mean, 15);
        Assert.Equal(0.05, c.Bonds.Mean, 15);
        Assert.Equal(0.02, c.Cash.Mean, 15);
        Assert.Equal(0.05, c.Reits.Mean, 15);
        Assert.Equal(0.02, c.Inflation.Mean, 15);
    }

    [Fact]
    public void Stdevs_AreSampleStandardDeviations_WithNMinusOne()
    {
        var c = Calibrator.Estimate(Simple);

        Assert.Equal(Math.Sqrt(0.08 / 3), c.Stocks.Stdev, 14); // 0.163299..., not √(0.08/4) = 0.141421...
        Assert.Equal(Math.Sqrt(0.0032 / 3), c.Bonds.Stdev, 14);
        Assert.Equal(Math.Sqrt(0.0002 / 3), c.Cash.Stdev, 14);
        Assert.Equal(Math.Sqrt(0.08 / 3), c.Reits.Stdev, 14);
        Assert.Equal(Math.Sqrt(0.0008 / 3), c.Inflation.Stdev, 14);
    }

    [Fact]
    public void Correlation_IsOfLogReturnsForAssets_AndRawInflation()
    {
        var c = Calibrator.Estimate(Logs());
        double r5 = 1 / Math.Sqrt(5), r2 = 1 / Math.Sqrt(2);
        double[,] expected =
        {
            // stocks       bonds  cash     reits    inflation
            { 1,          -r5,   -2 * r5, 2 * r5,  -3 / Math.Sqrt(10) },
            { -r5,         1,     0,      0,        r2 },
            { -2 * r5,     0,     1,     -1,        r2 },
            { 2 * r5,      0,    -1,      1,       -r2 },
            { -3 / Math.Sqrt(10), r2, r2, -r2,      1 },
        };

        for (int i = 0; i < 5; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                Assert.True(Math.Abs(expected[i, j] - c.Correlation[i, j]) < 1e-12,
                    $"correlation[{i},{j}] = {c.Correlation[i, j]}, expected {expected[i, j]}");
            }
        }

        Assert.False(c.ReitsFromDefaults);
    }

    [Fact]
    public void WithoutReits_KeepsTheDefaultReitParametersAndCorrelationRow()
    {
        var c = Calibrator.Estimate(Logs(withReits: false));

        Assert.True(c.ReitsFromDefaults);
        Assert.Equal(new MeanStdev(0.09, 0.21), c.Reits);
        for (int j = 0; j < 5; j++)
        {
            Assert.Equal(Sim.Engine.Scenarios.Returns.DefaultCorrelation[3][j], c.Correlation[3, j]);
            Assert.Equal(Sim.Engine.Scenarios.Returns.DefaultCorrelation[j][3], c.Correlation[j, 3]);
        }

        Assert.Equal(-1 / Math.Sqrt(5), c.Correlation[0, 1], 12); // the rest is still estimated
    }

    [Fact]
    public void Estimate_ReportsTheYearsCovered()
    {
        var c = Calibrator.Estimate(Simple);

        Assert.Equal((2001, 2004, 4, "simple"), (c.FirstYear, c.LastYear, c.Years, c.Source));
    }

    [Fact]
    public void Estimate_RejectsFewerThanThreeYears()
    {
        var two = Simple with
        {
            Years = [2001, 2002], Stocks = [0.1, 0.2], Bonds = [0.1, 0.2], Cash = [0.1, 0.2], Reits = null,
            Inflation = [0.1, 0.2],
        };

        var e = Assert.Throws<ArgumentException>(() => Calibrator.Estimate(two));
        Assert.Contains("at least 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Estimate_RejectsAReturnOfMinusOneHundredPercent()
    {
        var e = Assert.Throws<ArgumentException>(() => Calibrator.Estimate(Simple with { Cash = [0.02, -1.0, 0.01, 0.02] }));
        Assert.Contains("cash", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Correlation_OfAConstantSeries_IsZero() =>
        Assert.Equal(0, SampleStatistics.Correlation([0.02, 0.02, 0.02], [0.1, 0.3, 0.2]));

    [Fact]
    public void IsPositiveDefinite_AcceptsTheDefaultMatrix_AndRejectsASingularOne()
    {
        var defaults = new double[5, 5];
        for (int i = 0; i < 5; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                defaults[i, j] = Sim.Engine.Scenarios.Returns.DefaultCorrelation[i][j];
            }
        }

        Assert.True(Calibrator.IsPositiveDefinite(defaults));
        // Four years cannot determine five variables: a 4-year sample matrix has rank at most 3.
        Assert.False(Calibrator.IsPositiveDefinite(Calibrator.Estimate(Logs()).Correlation));
    }

    private static double[] Exp(double[] logs) => logs.Select(x => Math.Exp(x) - 1).ToArray();
}
