using System.Runtime.Intrinsics;
using Sim.Engine.Rules;
using Sim.Engine.Scenarios;
using Sim.Engine.Simd;

namespace Sim.Tests.Rules;

/// <summary>
/// <see cref="TaxScheduleArrays.TaxOnGross{TL, TD, TU}"/> in lanes is the scalar <see cref="TaxSchedule.TaxOnGrossIncome"/>,
/// bit for bit, whichever brackets a vector's lanes fall in (the bracket scan stops at the first threshold above
/// every lane): AVX-512 and AVX2 vectors over arrays of length 0..256, the remainder through the scalar twin.
/// </summary>
public class TaxScheduleLaneFacts
{
    private static readonly TaxSchedule Mfj2030 = TaxSchedule.For(2030, FilingStatus.Mfj, 0.025);
    private static readonly TaxSchedule Single2026 = TaxSchedule.For(2026, FilingStatus.Single, 0.025);

    /// <summary>Gross incomes around every threshold of <paramref name="s"/>, below the deduction, negative and huge,
    /// in an order that mixes brackets within a vector, then runs of lanes all in one bracket.</summary>
    private static double[] Incomes(TaxSchedule s, int length, int seed)
    {
        var g = s.Arrays.GrossThresholds.ToArray();
        var rng = new System.Random(seed);
        var x = new double[length];
        for (int i = 0; i < length; i++)
        {
            int k = rng.Next(g.Length);
            x[i] = (i / 16 % 3) switch
            {
                // Mixed: anywhere from below 0 to far above the top threshold.
                0 => rng.NextDouble() * 1.3 * g[^1] - 5_000,
                // Exactly at a threshold, or one cent either side.
                1 => g[k] + (rng.Next(3) - 1) * 0.01,
                // Runs of 16 lanes inside one bracket (the scan's early stop, or no stop in the top bracket).
                _ => g[(i / 48) % g.Length] + 1 + (i % 16),
            };
        }

        return x;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TaxOnGross_InEveryLane_IsTheScalarTax_ForEveryLengthUpTo256(bool mfj2030)
    {
        var s = mfj2030 ? Mfj2030 : Single2026;
        for (int length = 0; length <= 256; length++)
        {
            double[] x = Incomes(s, length, length);
            double[] expected = [.. x.Select(s.TaxOnGrossIncome)];
            Assert.Equal(Bits(expected), Bits(Lanes(s.Arrays, x, 8)));
            Assert.Equal(Bits(expected), Bits(Lanes(s.Arrays, x, 4)));
        }
    }

    [Fact]
    public void TaxOnGross_WithANaNLane_GivesEveryLaneTheScalarTwinsValue_AndTheNaNLaneZero()
    {
        var a = Mfj2030.Arrays;
        double[] x = [40_000, double.NaN, 90_000, 30_000, 500_000, 45_000, 41_000, 40_500];
        double[] got = Lanes(a, x, 8);
        for (int i = 0; i < x.Length; i++)
        {
            double scalarTwin = a.TaxOnGross<Lanes1, double, ulong>(x[i]);
            Assert.Equal(BitConverter.DoubleToUInt64Bits(scalarTwin), BitConverter.DoubleToUInt64Bits(got[i]));
            if (!double.IsNaN(x[i]))
            {
                Assert.Equal(Mfj2030.TaxOnGrossIncome(x[i]), got[i]);
            }
        }

        // A NaN lane is not above the deduction, so its tax is 0 (as the scalar's); it keeps the scan going (no
        // comparison holds), and the 500,000 lane reaches its bracket: the 32 % one of 2030's joint schedule.
        Assert.Equal(0.0, got[1]);
        Assert.Equal(0.32, Mfj2030.Arrays.Rates[Mfj2030.Arrays.GrossThresholds.ToArray().Count(g => g <= 500_000) - 1]);
        Assert.Equal(Mfj2030.TaxOnGrossIncome(500_000), got[4]);
    }

    [Fact]
    public void TaxOnGross_AllLanesBelowTheSecondThreshold_IsTenPercentAboveTheDeduction()
    {
        var a = Single2026.Arrays;
        double deduction = a.GrossThresholds[0];
        double[] x = [.. Enumerable.Range(0, 8).Select(i => deduction + 1_000 * i)];
        double[] got = Lanes(a, x, 8);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(100.0 * i, got[i], 9);
        }
    }

    /// <summary>Whole vectors of <paramref name="width"/> lanes (when the hardware has them; otherwise the scalar
    /// twin throughout), the remainder one element at a time through <see cref="Lanes1"/>.</summary>
    private static double[] Lanes(TaxScheduleArrays a, double[] x, int width)
    {
        var y = new double[x.Length];
        int j = 0;
        if (width == 8 && Vector512.IsHardwareAccelerated)
        {
            for (; j + 8 <= x.Length; j += 8)
            {
                a.TaxOnGross<Lanes512, Vector512<double>, Vector512<ulong>>(Vector512.Create(x.AsSpan(j, 8))).CopyTo(y.AsSpan(j, 8));
            }
        }
        else if (width == 4 && Vector256.IsHardwareAccelerated)
        {
            for (; j + 4 <= x.Length; j += 4)
            {
                a.TaxOnGross<Lanes256, Vector256<double>, Vector256<ulong>>(Vector256.Create(x.AsSpan(j, 4))).CopyTo(y.AsSpan(j, 4));
            }
        }

        for (; j < x.Length; j++)
        {
            y[j] = a.TaxOnGross<Lanes1, double, ulong>(x[j]);
        }

        return y;
    }

    private static ulong[] Bits(double[] v) => [.. v.Select(BitConverter.DoubleToUInt64Bits)];
}
