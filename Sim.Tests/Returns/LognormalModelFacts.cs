using Sim.Engine.Returns;
using Sim.Engine.Scenarios;
using Sim.Tests.Random;

namespace Sim.Tests.Returns;

public class LognormalModelFacts
{
    private const int Paths = 100_000;

    private static readonly Lazy<(double[][] R, double[] Inflation)> Sample = new(() =>
    {
        IReturnGenerator g = ReturnGenerators.Create(TestScenarios.With(ReturnModelKind.Lognormal, Paths, seed: 2024), null);
        var r = new double[4][];
        var inflation = new List<double>();
        var lists = new[] { new List<double>(), new List<double>(), new List<double>(), new List<double>() };
        foreach (int year in new[] { 0, 17 })
        {
            ReturnBlock b = TestScenarios.Fill(g, year, 0, Paths);
            lists[0].AddRange(b.Stocks);
            lists[1].AddRange(b.Bonds);
            lists[2].AddRange(b.Cash);
            lists[3].AddRange(b.Reits);
            inflation.AddRange(b.Inflation);
        }

        for (int a = 0; a < 4; a++)
        {
            r[a] = [.. lists[a]];
        }

        return (r, [.. inflation]);
    });

    private static readonly MeanStdev[] Inputs =
    [
        Sim.Engine.Scenarios.Returns.DefaultStocks, Sim.Engine.Scenarios.Returns.DefaultBonds,
        Sim.Engine.Scenarios.Returns.DefaultCash, Sim.Engine.Scenarios.Returns.DefaultReits,
    ];

    [Fact]
    public void OnePlusReturn_HasMeanOnePlusMu_ForEveryAsset()
    {
        for (int a = 0; a < 4; a++)
        {
            double[] onePlus = [.. Sample.Value.R[a].Select(r => 1 + r)];
            Stats.Near(1 + Inputs[a].Mean, Stats.Mean(onePlus), Inputs[a].Stdev / Math.Sqrt(onePlus.Length), $"E[1+r] of asset {a}");
        }
    }

    [Fact]
    public void Returns_HaveTheInputStandardDeviation_ForEveryAsset()
    {
        for (int a = 0; a < 4; a++)
        {
            Stats.VarianceNear(Inputs[a].Stdev * Inputs[a].Stdev, Sample.Value.R[a], $"Var[r] of asset {a}");
        }
    }

    [Fact]
    public void Inflation_IsNormalWithTheInputMeanAndStdev()
    {
        double[] inf = Sample.Value.Inflation;
        var input = Sim.Engine.Scenarios.Returns.DefaultInflation;
        Stats.Near(input.Mean, Stats.Mean(inf), input.Stdev / Math.Sqrt(inf.Length), "inflation mean");
        Stats.Near(input.Stdev * input.Stdev, Stats.Variance(inf), input.Stdev * input.Stdev * Math.Sqrt(2.0 / inf.Length), "inflation variance");
        double sd = Math.Sqrt(Stats.Variance(inf));
        Stats.Near(0.0, Stats.CentralMoment(inf, 3) / (sd * sd * sd), Math.Sqrt(6.0 / inf.Length), "inflation skewness");
    }

    [Fact]
    public void LogReturns_AreNormalWithTheClosedFormParameters()
    {
        for (int a = 0; a < 4; a++)
        {
            var p = LognormalParameters.From(Inputs[a], "asset");
            double[] z = [.. Sample.Value.R[a].Select(r => (Math.Log(1 + r) - p.M) / p.S)];
            Stats.Near(0.0, Stats.Mean(z), 1.0 / Math.Sqrt(z.Length), $"mean of z, asset {a}");
            Stats.Near(1.0, Stats.Variance(z), Math.Sqrt(2.0 / z.Length), $"variance of z, asset {a}");
            double sd = Math.Sqrt(Stats.Variance(z));
            Stats.Near(3.0, Stats.CentralMoment(z, 4) / Math.Pow(sd, 4), Math.Sqrt(24.0 / z.Length), $"kurtosis of z, asset {a}");
        }

        // The closed form for the default stocks: s² = ln(1 + 0.18²/1.1²), m = ln 1.1 − s²/2.
        var stocks = LognormalParameters.From(Inputs[0], "stocks");
        Assert.Equal(Math.Sqrt(Math.Log(1 + 0.0324 / 1.21)), stocks.S, 15);
        Assert.Equal(Math.Log(1.1) - 0.5 * Math.Log(1 + 0.0324 / 1.21), stocks.M, 15);
    }

    [Fact]
    public void UnderlyingNormals_HaveTheInputCorrelationMatrix()
    {
        var z = new double[5][];
        for (int a = 0; a < 4; a++)
        {
            var p = LognormalParameters.From(Inputs[a], "asset");
            z[a] = [.. Sample.Value.R[a].Select(r => (Math.Log(1 + r) - p.M) / p.S)];
        }

        var inf = Sim.Engine.Scenarios.Returns.DefaultInflation;
        z[4] = [.. Sample.Value.Inflation.Select(x => (x - inf.Mean) / inf.Stdev)];
        var rho = Sim.Engine.Scenarios.Returns.DefaultCorrelation;
        for (int i = 0; i < 5; i++)
        {
            for (int j = i + 1; j < 5; j++)
            {
                double expected = rho[i][j];
                Stats.Near(expected, Stats.Correlation(z[i], z[j]), (1 - expected * expected) / Math.Sqrt(z[i].Length), $"corr({i},{j})");
            }
        }
    }

    [Fact]
    public void ZeroStdev_ReturnsExactlyTheMean()
    {
        Scenario s = TestScenarios.With(ReturnModelKind.Lognormal, 300, returns: r => r with
        {
            Cash = new MeanStdev(0.021, 0.0),
            Inflation = new MeanStdev(0.025, 0.0),
        });
        foreach (ReturnModelKind model in new[] { ReturnModelKind.Lognormal, ReturnModelKind.StudentT })
        {
            ReturnBlock b = TestScenarios.Fill(ReturnGenerators.Create(s with { Returns = s.Returns with { Model = model } }, null), 3, 0, 300);
            Assert.All(b.Cash.Take(300), c => Assert.Equal(0.021, c));
            Assert.All(b.Inflation.Take(300), x => Assert.Equal(0.025, x));
            Assert.True(b.Stocks.Take(300).Distinct().Count() == 300);
        }
    }
}
