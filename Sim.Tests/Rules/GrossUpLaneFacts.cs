using System.Runtime.Intrinsics;
using Sim.Engine.Rules;
using Sim.Engine.Scenarios;
using Sim.Engine.Simd;

namespace Sim.Tests.Rules;

/// <summary>
/// The exact after-tax inverse without Social Security in lanes (<see cref="TaxScheduleArrays.GrossUp{TL, TD, TU}"/>,
/// <see cref="FlatTax.GrossUp{TL, TD, TU}"/>): the scalar <see cref="TaxSchedule.GrossUp(double, double, double, double, double)"/>
/// and <see cref="FlatTax.GrossUp(double, double, double, double, double)"/> are now its one-lane instances, so they
/// are checked bit for bit against the scalar code they replaced (kept here verbatim as the reference), and every
/// lane of AVX-512 and AVX2 vectors against the one-lane instance over lengths 0..256, lanes of a vector walking to
/// different brackets.
/// </summary>
public class GrossUpLaneFacts
{
    private static readonly TaxSchedule Mfj2030 = TaxSchedule.For(2030, FilingStatus.Mfj, 0.025);
    private static readonly TaxSchedule Single2026 = TaxSchedule.For(2026, FilingStatus.Single, 0.025);

    /// <summary>One gross-up question: (other income, net, taxable share, fixed taxable part).</summary>
    private readonly record struct Question(double Other, double Net, double Share, double Fixed);

    /// <summary>Questions whose answers lie in every bracket: nets from negative to past the top bracket, other
    /// income 0 or anywhere, shares 0, 1 or between, fixed taxable parts negative, 0 or positive (an RMD taken from
    /// pre-tax with a Roth remainder), and nets that land on a bracket boundary exactly.</summary>
    private static Question[] Questions(TaxSchedule s, int length, int seed)
    {
        var g = s.Arrays.GrossThresholds.ToArray();
        var rng = new System.Random(seed);
        var q = new Question[length];
        for (int i = 0; i < length; i++)
        {
            double other = (i % 4) switch
            {
                0 => 0,
                1 => rng.NextDouble() * 120_000,
                2 => g[rng.Next(g.Length)],
                _ => rng.NextDouble() * 1.2 * g[^1],
            };
            double share = (i / 4 % 4) switch
            {
                0 => 1,
                1 => 0,
                _ => rng.NextDouble(),
            };
            double fixedTaxable = (i / 16 % 3) switch
            {
                0 => 0,
                1 => -rng.NextDouble() * 20_000,
                _ => rng.NextDouble() * 40_000,
            };
            double net = (i / 3 % 5) switch
            {
                0 => -rng.NextDouble() * 1_000,
                1 => 0,
                // At a threshold's net exactly (computed as the reference does), where the walk's test is an equality.
                2 => share > 0 ? NetAt(s, other, share, fixedTaxable, (g[rng.Next(g.Length)] - other - fixedTaxable) / share, 0) : 1_000,
                _ => rng.NextDouble() * 800_000,
            };
            q[i] = new Question(other, net, share, fixedTaxable);
        }

        return q;
    }

    private static double NetAt(TaxSchedule s, double other, double b, double a, double w, double p)
    {
        double x0 = other + a;
        double constant = s.TaxOnGrossIncome(other) - p * a;
        return w - s.TaxOnGrossIncome(x0 + b * w) + constant - p * b * w;
    }

    [Theory]
    [InlineData(true, 0.0)]
    [InlineData(true, 0.1)]
    [InlineData(false, 0.0)]
    [InlineData(false, 0.1)]
    public void TheScalarGrossUp_IsTheReplacedScalarCode_BitForBit(bool mfj2030, double penalty)
    {
        var s = mfj2030 ? Mfj2030 : Single2026;
        foreach (var q in Questions(s, 20_000, mfj2030 ? 1 : 2))
        {
            double expected = Reference.GrossUp(s, q.Other, q.Net, penalty, q.Share, q.Fixed);
            double got = s.GrossUp(q.Other, q.Net, penalty, q.Share, q.Fixed);
            Assert.True(BitConverter.DoubleToUInt64Bits(expected) == BitConverter.DoubleToUInt64Bits(got),
                $"{q}, penalty {penalty}: {got:R} vs {expected:R}");
        }
    }

    [Theory]
    [InlineData(true, 0.0)]
    [InlineData(false, 0.1)]
    public void EveryLane_IsTheScalarGrossUp_ForEveryLengthUpTo256(bool mfj2030, double penalty)
    {
        var s = mfj2030 ? Mfj2030 : Single2026;
        for (int length = 0; length <= 256; length++)
        {
            var q = Questions(s, length, 1_000 + length);
            double[] expected = [.. q.Select(x => s.GrossUp(x.Other, x.Net, penalty, x.Share, x.Fixed))];
            Assert.Equal(Bits(expected), Bits(Lanes(s.Arrays, q, penalty, 8)));
            Assert.Equal(Bits(expected), Bits(Lanes(s.Arrays, q, penalty, 4)));
        }
    }

    [Fact]
    public void LanesWalkingToDifferentBrackets_EachGetTheirOwnAnswer()
    {
        // One vector whose lanes' answers lie below the deduction and in each of the seven brackets: the nets halfway
        // between the nets at consecutive bracket starts (net at gross g[k] is g[k] − c[k]).
        var s = Single2026;
        double[] g = s.Arrays.GrossThresholds.ToArray(), c = s.Arrays.CumulativeTax.ToArray();
        double[] nets = [.. Enumerable.Range(0, 8).Select(k => k == 0 ? g[0] / 2
            : k < 7 ? (g[k - 1] - c[k - 1] + g[k] - c[k]) / 2 : g[6] - c[6] + 100_000)];
        var q = nets.Select(n => new Question(0, n, 1, 0)).ToArray();
        double[] got = Lanes(s.Arrays, q, 0, 8);
        for (int i = 0; i < nets.Length; i++)
        {
            double back = got[i] - s.IncrementalTax(0, got[i]);
            Assert.True(Math.Abs(back - nets[i]) <= 1e-8, $"{nets[i]}: {got[i]} nets {back}");
            Assert.Equal(BitConverter.DoubleToUInt64Bits(s.GrossUp(0, nets[i], 0)), BitConverter.DoubleToUInt64Bits(got[i]));
        }

        Assert.Equal([0.0, 0.10, 0.12, 0.22, 0.24, 0.32, 0.35, 0.37], got.Select(s.MarginalRate));
        // Below the deduction nothing is taxed: the gross is the net.
        Assert.Equal(nets[0], got[0]);
    }

    [Fact]
    public void TheScalarGrossUp_StillRefusesAZeroOrNegativeSlope_OnlyOnThePieceOfTheAnswer()
    {
        // Penalty 0.7: 10% + 70% leaves a positive slope (an answer in the 10% bracket exists); 37% + 70% does not.
        double inLowBracket = Single2026.GrossUp(0, 1_000, 0.7);
        Assert.Equal(Reference.GrossUp(Single2026, 0, 1_000, 0.7, 1, 0), inLowBracket);
        Assert.Throws<InvalidOperationException>(() => Single2026.GrossUp(0, 1_000_000, 0.7));
        Assert.Throws<InvalidOperationException>(() => Reference.GrossUp(Single2026, 0, 1_000_000, 0.7, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Single2026.GrossUp(0, 1_000, 0, 1.5, 0));

        // Penalty 0.9: net rises only below the 12% bracket, then falls below the target again. The walk stops for
        // good at its first failed test (the lanes' walking flag), as the scalar's: 1,000 is below the net at the
        // deduction (1,610), so the answer is on the first piece, 1,000 / 0.1, not past a later threshold whose net
        // has fallen under 1,000.
        Assert.Equal(10_000, Single2026.GrossUp(0, 1_000, 0.9), 6);
        Assert.Equal(Reference.GrossUp(Single2026, 0, 1_000, 0.9, 1, 0), Single2026.GrossUp(0, 1_000, 0.9));
        var q = Enumerable.Repeat(new Question(0, 1_000, 1, 0), 8).ToArray();
        Assert.All(Lanes(Single2026.Arrays, q, 0.9, 4), w => Assert.Equal(10_000, w, 6));
    }

    [Fact]
    public void TheFlatGrossUp_IsTheReplacedScalarCode_InEveryLane_ForEveryLengthUpTo256()
    {
        for (int length = 0; length <= 256; length++)
        {
            var q = Questions(Single2026, length, 5_000 + length);
            foreach (double penalty in new[] { 0.0, 0.1 })
            {
                double[] expected = [.. q.Select(x => Reference.Flat(0.24, penalty, x.Net, x.Share, x.Fixed))];
                Assert.Equal(Bits(expected), Bits([.. q.Select(x => FlatTax.GrossUp(0.24, penalty, x.Net, x.Share, x.Fixed))]));
                Assert.Equal(Bits(expected), Bits(FlatLanes(0.24, penalty, q, 8)));
                Assert.Equal(Bits(expected), Bits(FlatLanes(0.24, penalty, q, 4)));
            }
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => FlatTax.GrossUp(0.95, 0.1, 1_000, 1, 0));
        // The slope is the share's: a small enough share keeps it positive, as before.
        Assert.Equal(Reference.Flat(0.95, 0.1, 1_000, 0.5, 0), FlatTax.GrossUp(0.95, 0.1, 1_000, 0.5, 0));
    }

    private static double[] Lanes(TaxScheduleArrays a, Question[] q, double penalty, int width)
    {
        var y = new double[q.Length];
        int j = 0;
        if (width == 8 && Vector512.IsHardwareAccelerated)
        {
            for (; j + 8 <= q.Length; j += 8)
            {
                var s = q.AsSpan(j, 8);
                a.GrossUp<Lanes512, Vector512<double>, Vector512<ulong>>(V512(s, x => x.Other), V512(s, x => x.Net), penalty,
                    V512(s, x => x.Share), V512(s, x => x.Fixed)).Gross.CopyTo(y.AsSpan(j, 8));
            }
        }
        else if (width == 4 && Vector256.IsHardwareAccelerated)
        {
            for (; j + 4 <= q.Length; j += 4)
            {
                var s = q.AsSpan(j, 4);
                a.GrossUp<Lanes256, Vector256<double>, Vector256<ulong>>(V256(s, x => x.Other), V256(s, x => x.Net), penalty,
                    V256(s, x => x.Share), V256(s, x => x.Fixed)).Gross.CopyTo(y.AsSpan(j, 4));
            }
        }

        for (; j < q.Length; j++)
        {
            y[j] = a.GrossUp<Lanes1, double, ulong>(q[j].Other, q[j].Net, penalty, q[j].Share, q[j].Fixed).Gross;
        }

        return y;
    }

    private static double[] FlatLanes(double rate, double penalty, Question[] q, int width)
    {
        var y = new double[q.Length];
        int j = 0;
        if (width == 8 && Vector512.IsHardwareAccelerated)
        {
            for (; j + 8 <= q.Length; j += 8)
            {
                var s = q.AsSpan(j, 8);
                FlatTax.GrossUp<Lanes512, Vector512<double>, Vector512<ulong>>(rate, penalty, V512(s, x => x.Net),
                    V512(s, x => x.Share), V512(s, x => x.Fixed)).Gross.CopyTo(y.AsSpan(j, 8));
            }
        }
        else if (width == 4 && Vector256.IsHardwareAccelerated)
        {
            for (; j + 4 <= q.Length; j += 4)
            {
                var s = q.AsSpan(j, 4);
                FlatTax.GrossUp<Lanes256, Vector256<double>, Vector256<ulong>>(rate, penalty, V256(s, x => x.Net),
                    V256(s, x => x.Share), V256(s, x => x.Fixed)).Gross.CopyTo(y.AsSpan(j, 4));
            }
        }

        for (; j < q.Length; j++)
        {
            y[j] = FlatTax.GrossUp<Lanes1, double, ulong>(rate, penalty, q[j].Net, q[j].Share, q[j].Fixed).Gross;
        }

        return y;
    }

    private static Vector512<double> V512(ReadOnlySpan<Question> q, Func<Question, double> f) =>
        Vector512.Create(f(q[0]), f(q[1]), f(q[2]), f(q[3]), f(q[4]), f(q[5]), f(q[6]), f(q[7]));

    private static Vector256<double> V256(ReadOnlySpan<Question> q, Func<Question, double> f) =>
        Vector256.Create(f(q[0]), f(q[1]), f(q[2]), f(q[3]));

    private static ulong[] Bits(double[] v) => [.. v.Select(BitConverter.DoubleToUInt64Bits)];

    /// <summary>The scalar code the lane form replaced, verbatim (TaxSchedule.GrossUp and FlatTax.GrossUp before
    /// issue 10's after-tax lanes): the oracle for "same bits".</summary>
    private static class Reference
    {
        public static double GrossUp(TaxSchedule s, double otherIncome, double net, double penaltyRate, double taxableShare, double fixedTaxable)
        {
            if (taxableShare < 0.0 || taxableShare > 1.0)
            {
                throw new ArgumentOutOfRangeException(nameof(taxableShare), taxableShare, "The taxable share must be in [0, 1].");
            }

            double[] grossThresholds = s.Arrays.GrossThresholds.ToArray();
            double[] rates = s.Arrays.Rates.ToArray();
            double[] cumulative = s.Arrays.CumulativeTax.ToArray();
            double t0 = s.TaxOnGrossIncome(otherIncome);
            double x0 = otherIncome + fixedTaxable;
            double constant = t0 - penaltyRate * fixedTaxable;

            double NetAt(double w) => w - s.TaxOnGrossIncome(x0 + taxableShare * w) + constant - penaltyRate * taxableShare * w;

            if (net <= NetAt(0.0))
            {
                return 0.0;
            }

            if (taxableShare == 0.0)
            {
                return net - NetAt(0.0);
            }

            int k = Bracket(grossThresholds, x0);
            while (true)
            {
                bool below = k < 0;
                double c = below ? 0.0 : cumulative[k];
                double r = below ? 0.0 : rates[k];
                double g = below ? 0.0 : grossThresholds[k];
                int next = k + 1;
                if (next < grossThresholds.Length)
                {
                    double wAtNext = (grossThresholds[next] - x0) / taxableShare;
                    if (net > NetAt(wAtNext))
                    {
                        k = next;
                        continue;
                    }
                }

                double slope = 1.0 - taxableShare * (r + penaltyRate);
                if (slope <= 0.0)
                {
                    throw new InvalidOperationException("Tax plus penalty reach 100% at the margin; no finite gross-up exists.");
                }

                return (net + c + r * (x0 - g) - constant) / slope;
            }
        }

        private static int Bracket(double[] thresholds, double x)
        {
            int lo = 0;
            int hi = thresholds.Length - 1;
            int found = -1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >>> 1;
                if (thresholds[mid] <= x)
                {
                    found = mid;
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }

            return found;
        }

        public static double Flat(double rate, double penaltyRate, double net, double taxableShare, double fixedTaxable)
        {
            double t = rate + penaltyRate;
            double slope = 1.0 - t * taxableShare;
            if (slope <= 0.0)
            {
                throw new ArgumentOutOfRangeException(nameof(rate), rate, "Tax plus penalty must stay below 100%.");
            }

            return Math.Max(0.0, (net + t * fixedTaxable) / slope);
        }
    }
}
