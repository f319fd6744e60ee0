using System.Globalization;
using System.Text;
using Sim.Engine.Random;
using Sim.Engine.Returns;
using Sim.Engine.Scenarios;
using Sim.Tests.Random;

namespace Sim.Tests.Returns;

public class ReitFillFacts
{
    private static readonly LognormalParameters StockParams = LognormalParameters.From(Sim.Engine.Scenarios.Returns.DefaultStocks, "stocks");
    private static readonly LognormalParameters ReitParams = LognormalParameters.From(Sim.Engine.Scenarios.Returns.DefaultReits, "reits");
    private const double Rho = 0.6; // stocks-REITs entry of the default matrix

    [Fact]
    public void ReitReturn_IsTheConditionalLognormal_WithTheSeededEpsilon()
    {
        const int paths = 300;
        const ulong seed = 9;
        IReturnGenerator g = ReturnGenerators.Create(TestScenarios.With(ReturnModelKind.Bootstrap, paths, seed), null);
        ReturnBlock b = TestScenarios.Fill(g, 12, 0, paths);
        for (int p = 0; p < paths; p++)
        {
            double zs = (Math.Log(1 + b.Stocks[p]) - StockParams.M) / StockParams.S;
            double eps = NormalGenerator.Normal(seed, p, 12, RandomStreams.ReitFill, 0);
            double expected = Math.Exp(ReitParams.M + ReitParams.S * (Rho * zs + Math.Sqrt(1 - Rho * Rho) * eps)) - 1;
            Assert.Equal(expected, b.Reits[p], 1e-12);
        }

        Assert.Contains("has no REIT series", g.Notes, StringComparison.Ordinal);
        Assert.Contains("stock-REIT correlation 0.6", g.Notes, StringComparison.Ordinal);
    }

    [Fact]
    public void ResidualNormal_IsStandardAndIndependentOfTheStockReturn()
    {
        const int paths = 100_000;
        ReturnBlock b = TestScenarios.Fill(ReturnGenerators.Create(TestScenarios.With(ReturnModelKind.Bootstrap, paths, 4), null), 0, 0, paths);
        double[] zs = [.. b.Stocks.Select(r => (Math.Log(1 + r) - StockParams.M) / StockParams.S)];
        double[] e = [.. b.Reits.Select((r, i) => ((Math.Log(1 + r) - ReitParams.M) / ReitParams.S - Rho * zs[i]) / Math.Sqrt(1 - Rho * Rho))];
        Stats.Near(0.0, Stats.Mean(e), 1 / Math.Sqrt(paths), "mean of ε");
        Stats.Near(1.0, Stats.Variance(e), Math.Sqrt(2.0 / paths), "variance of ε");
        Stats.Near(0.0, Stats.Correlation(e, zs), 1 / Math.Sqrt(paths), "corr(ε, z_s)");
    }

    [Fact]
    public void StockReitCorrelation_IsRho_WhenTheHistoryMatchesTheStockModel()
    {
        // A history whose stock returns are the 2,000 quantiles of the scenario's stock lognormal, so z_s is
        // standard normal: then corr(ln(1+stock), ln(1+reit)) over bootstrap draws must be ρ.
        const int rows = 2000, paths = 100_000;
        var csv = new StringBuilder("year,stocks,bonds,cash,inflation\n");
        for (int i = 0; i < rows; i++)
        {
            double z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, (i + 0.5) / rows);
            csv.Append(CultureInfo.InvariantCulture, $"{1 + i},{Math.Exp(StockParams.M + StockParams.S * z) - 1:R},0.05,0.02,0.025\n");
        }

        MarketHistory h = MarketHistory.ParseCsv(csv.ToString(), "quantiles.csv");
        ReturnBlock b = TestScenarios.Fill(ReturnGenerators.Create(TestScenarios.With(ReturnModelKind.Bootstrap, paths, 8), h), 3, 0, paths);
        double[] ls = [.. b.Stocks.Select(r => Math.Log(1 + r))];
        double[] lr = [.. b.Reits.Select(r => Math.Log(1 + r))];
        Stats.Near(Rho, Stats.Correlation(ls, lr), (1 - Rho * Rho) / Math.Sqrt(paths), "corr(ln(1+stock), ln(1+reit))");
        // And the REIT marginal is the scenario's: E[1 + r] = 1.09.
        Stats.Near(1.09, Stats.Mean([.. b.Reits.Select(r => 1 + r)]), 0.21 / Math.Sqrt(paths), "E[1 + reit]");
    }

    [Fact]
    public void ReitFill_UsesTheUnshockedStockReturn()
    {
        Scenario plain = TestScenarios.With(ReturnModelKind.Historical);
        Scenario shocked = plain with { Returns = plain.Returns with { Shocks = [new Shock { Year = 2030, Stocks = -0.5 }] } };
        ReturnBlock a = TestScenarios.Fill(ReturnGenerators.Create(plain, null), 4, 0, 38);
        ReturnBlock b = TestScenarios.Fill(ReturnGenerators.Create(shocked, null), 4, 0, 38);
        Assert.All(b.Stocks.Take(38), s => Assert.Equal(-0.5, s));
        Assert.Equal(a.Reits, b.Reits);
    }
}
