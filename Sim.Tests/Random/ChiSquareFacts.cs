using MathNet.Numerics.Distributions;
using Sim.Engine.Random;
using Sim.Engine.Simd;
using Sim.Tests.Simd;

namespace Sim.Tests.Random;

public class ChiSquareFacts
{
    [Theory]
    [InlineData(5.0)]
    [InlineData(7.5)]
    [InlineData(2.5)]
    public void ChiSquare_HasMeanNuVarianceTwoNu_AndTheRightDistribution(double nu)
    {
        const int n = 200_000;
        double[] w = new double[n];
        NormalGenerator.FillChiSquare(31, 0, 4, RandomStreams.ChiSquare, nu, w);
        Assert.All(w, v => Assert.True(v > 0));
        Stats.Near(nu, Stats.Mean(w), Math.Sqrt(2 * nu / n), "mean");
        Stats.Near(2 * nu, Stats.Variance(w), Math.Sqrt((8 * nu * nu + 48 * nu) / n), "variance");
        foreach (double q in new[] { 0.05, 0.25, 0.5, 0.75, 0.95, 0.99 })
        {
            double x = ChiSquared.InvCDF(nu, q);
            double share = w.Count(v => v <= x) / (double)n;
            Stats.Near(q, share, Math.Sqrt(q * (1 - q) / n), $"P(W <= {x:F3})");
        }
    }

    [Fact]
    public void ChiSquare_GivesTheSameBitsAtEveryWidth_ForEveryLength()
    {
        foreach (int n in Lengths.All())
        {
            long[]? reference = null;
            foreach (SimdWidth width in SimdWidths.All)
            {
                double[] w = new double[n];
                NormalGenerator.FillChiSquare(9, 2, 1, RandomStreams.ChiSquare, 5.0, w, width);
                long[] bits = Stats.Bits(w);
                reference ??= bits;
                Assert.Equal(reference, bits);
            }
        }
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ChiSquare_RejectsDegreesOfFreedomNotAboveTwo(double nu)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChiSquareParameters(nu));
    }
}
