using Sim.Engine.Random;
using Sim.Engine.Simd;
using Sim.Tests.Simd;

namespace Sim.Tests.Random;

public class UniformFacts
{
    private static double U(ulong hi, ulong lo) => LaneDraws.Uniform<Lanes1, double, ulong>(hi, lo);

    [Fact]
    public void Uniform_IsOddMultipleOfTwoToMinus53_FromTheTop52Bits()
    {
        Assert.Equal(Math.ScaleB(1.0, -53), U(0, 0));
        Assert.Equal(1.0 - Math.ScaleB(1.0, -53), U(0xFFFF_FFFF, 0xFFFF_FFFF));
        Assert.Equal(0.5 + Math.ScaleB(1.0, -53), U(0x8000_0000, 0));
        // The low 12 bits of the second word are not used.
        Assert.Equal(U(0x1234_5678, 0x9ABC_D000), U(0x1234_5678, 0x9ABC_DFFF));
        ulong j = (0x1234_5678UL << 20) | (0x9ABC_DFFFUL >> 12);
        Assert.Equal((2.0 * j + 1.0) * Math.ScaleB(1.0, -53), U(0x1234_5678, 0x9ABC_DFFF));
    }

    [Fact]
    public void Uniforms_AreStrictlyInsideTheUnitInterval_AndUniform()
    {
        const int n = 200_000;
        double[] a = new double[n], b = new double[n];
        NormalGenerator.FillUniforms(99, 0, 3, RandomStreams.Scratch, 0, a, b);
        Assert.All(a, u => Assert.True(u > 0 && u < 1));
        Assert.All(b, u => Assert.True(u > 0 && u < 1));
        double se = Math.Sqrt(1.0 / 12.0 / n);
        Stats.Near(0.5, Stats.Mean(a), se, "mean of u1");
        Stats.Near(0.5, Stats.Mean(b), se, "mean of u2");
        Stats.Near(0.0, Stats.Correlation(a, b), 1.0 / Math.Sqrt(n), "corr(u1, u2)");
        // Frequency in each tenth: binomial SE.
        for (int d = 0; d < 10; d++)
        {
            double share = a.Count(u => u >= d / 10.0 && u < (d + 1) / 10.0) / (double)n;
            Stats.Near(0.1, share, Math.Sqrt(0.09 / n), $"share of u1 in decile {d}");
        }
    }

    [Fact]
    public void Uniforms_GiveTheSameBitsAtEveryWidth_ForEveryLength()
    {
        foreach (int n in Lengths.All())
        {
            long[]? reference = null;
            foreach (SimdWidth width in SimdWidths.All)
            {
                double[] a = new double[n], b = new double[n];
                NormalGenerator.FillUniforms(5, 11, 2, RandomStreams.Scratch, 1, a, b, width);
                long[] bits = [.. Stats.Bits(a), .. Stats.Bits(b)];
                reference ??= bits;
                Assert.Equal(reference, bits);
            }
        }
    }
}
