using Sim.Engine.Returns;
using Sim.Engine.Scenarios;
using Sim.Engine.Simd;
using Sim.Engine.Simulation;
using Xunit;

namespace Sim.Tests.Returns;

/// <summary>
/// The correlated generator draws only the normals up to the last component a run reads (docs/model.md, "Which
/// normals are drawn"). What it draws must not depend on the demand, and what it does not draw is the mean.
/// </summary>
public class ReturnDemandFacts
{
    private static readonly SimdWidth[] Widths = [SimdWidth.Scalar, SimdWidth.Vector256, SimdWidth.Vector512];

    public static TheoryData<int> Demands()
    {
        var data = new TheoryData<int>();
        for (int bits = 0; bits < 16; bits++)
        {
            data.Add(bits);
        }

        return data;
    }

    private static ReturnDemand FromBits(int bits) => new((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0);

    [Theory]
    [MemberData(nameof(Demands))]
    public void EveryAssetItReads_HasTheSameBitsAsWhenAllAreRead_AtEveryWidthAndLength(int bits)
    {
        foreach (var model in new[] { ReturnModelKind.Lognormal, ReturnModelKind.StudentT })
        {
            Scenario s = TestScenarios.With(model, paths: 300, seed: 11);
            var demand = FromBits(bits);
            foreach (int count in new[] { 0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 255, 256, 257 })
            {
                ReturnBlock all = TestScenarios.Fill(ReturnGenerators.Create(s, null, SimdWidth.Scalar), 5, 3, count);
                foreach (var width in Widths)
                {
                    ReturnBlock some = TestScenarios.Fill(ReturnGenerators.Create(s, null, width, demand), 5, 3, count);
                    Same(all.Inflation, some.Inflation, count, "inflation");
                    Check(all.Stocks, some.Stocks, count, demand.Stocks, s.Returns.Stocks.Mean, "stocks");
                    Check(all.Bonds, some.Bonds, count, demand.Bonds, s.Returns.Bonds.Mean, "bonds");
                    Check(all.Cash, some.Cash, count, demand.Cash, s.Returns.Cash.Mean, "cash");
                    Check(all.Reits, some.Reits, count, demand.Reits, s.Returns.Reits.Mean, "reits");
                }
            }
        }
    }

    [Fact]
    public void ConstantComponents_AreTheirMean_AndAZeroVolatilityRunDrawsNothingElse()
    {
        var zero = new MeanStdev(0.05, 0);
        Scenario s = TestScenarios.With(ReturnModelKind.Lognormal, paths: 64, returns: r => r with
        {
            Stocks = new MeanStdev(0.07, 0), Bonds = zero, Cash = new MeanStdev(0.02, 0), Reits = zero,
            Inflation = new MeanStdev(0.025, 0),
        });
        ReturnBlock b = TestScenarios.Fill(ReturnGenerators.Create(s, null), 0, 0, 64);
        Assert.All(b.Stocks.Take(64), v => Assert.Equal(0.07, v));
        Assert.All(b.Cash.Take(64), v => Assert.Equal(0.02, v));
        Assert.All(b.Inflation.Take(64), v => Assert.Equal(0.025, v));
    }

    [Fact]
    public void TheDemandOfAPlan_IsTheAssetsWithAWeightInSomeYear()
    {
        var plan = YearPlan.Build(new Scenario());
        // The default plan is age-in-bonds with no cash and no REITs.
        Assert.Equal(new ReturnDemand(true, true, false, false), ReturnDemand.Of(plan));
        Assert.Equal(new ReturnDemand(false, true, false, true),
            ReturnDemand.Of([new AssetWeights(0, 1, 0, 0), new AssetWeights(0, 0.5, 0, 0.5)]));
    }

    [Fact]
    public void TheDrawOrder_PutsInflationFirst_AndItsFactorReproducesThePermutedMatrix()
    {
        Assert.Equal([4, 0, 1, 2, 3], CorrelationFactor.DrawOrder.ToArray());
        var c = Sim.Engine.Scenarios.Returns.DefaultCorrelation;
        double[,] l = CorrelationFactor.ComputeInDrawOrder(c);
        for (int i = 0; i < 5; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                double sum = 0;
                for (int k = 0; k < 5; k++)
                {
                    sum += l[i, k] * l[j, k];
                }

                Assert.Equal(c[CorrelationFactor.DrawOrder[i]][CorrelationFactor.DrawOrder[j]], sum, 14);
            }
        }

        // Inflation is the first draw, so its row is ε_0 alone.
        Assert.Equal(1.0, l[0, 0]);
    }

    private static void Check(double[] all, double[] some, int count, bool read, double mean, string what)
    {
        if (read)
        {
            Same(all, some, count, what);
        }
        else
        {
            for (int i = 0; i < count; i++)
            {
                Assert.True(mean == some[i], $"{what}[{i}] = {some[i]}, not the mean {mean}");
            }
        }
    }

    private static void Same(double[] a, double[] b, int count, string what)
    {
        for (int i = 0; i < count; i++)
        {
            Assert.True(BitConverter.DoubleToInt64Bits(a[i]) == BitConverter.DoubleToInt64Bits(b[i]), $"{what}[{i}]: {a[i]} vs {b[i]}");
        }
    }
}
