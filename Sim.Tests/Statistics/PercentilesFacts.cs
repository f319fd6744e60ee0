using Sim.Engine.Statistics;

namespace Sim.Tests.Statistics;

public class PercentilesFacts
{
    private static readonly double[] Levels = [0, 1, 5, 10, 25, 50, 75, 90, 95, 99, 100];

    public static IEnumerable<object[]> Lengths()
    {
        for (int n = 1; n <= 256; n++)
        {
            yield return [n];
        }

        foreach (int n in new[] { 1000, 1023, 4097, 65_537, 200_003 })
        {
            yield return [n];
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Compute_EqualsSortingReference_ForEveryLength(int n)
    {
        var rng = new System.Random(n);
        // Lognormal-like values with ties and a few negatives: the shapes balances and flows take.
        double[] values = Enumerable.Range(0, n).Select(i => i % 17 == 0
            ? Math.Round(rng.NextDouble() * 10)
            : Math.Exp(rng.NextDouble() * 8) - 50).ToArray();
        AssertSame(values);
    }

    [Fact]
    public void Compute_HandlesConstantColumn_WithoutInterpolationNoise()
    {
        double[] values = Enumerable.Repeat(1234.56, 10_000).ToArray();
        var dest = new double[Levels.Length];
        Percentiles.Compute(values, Levels, dest);
        Assert.All(dest, v => Assert.Equal(1234.56, v));
    }

    [Fact]
    public void Compute_MatchesNumpyR7_OnAKnownSample()
    {
        // numpy.percentile([1, 2, 3, 4, 10], [0, 10, 25, 50, 90, 100]) = [1, 1.4, 2, 3, 7.6, 10]
        double[] values = [10, 3, 1, 4, 2];
        double[] levels = [0, 10, 25, 50, 90, 100];
        var dest = new double[levels.Length];
        Percentiles.Compute(values, levels, dest);
        Assert.Equal([1, 1.4, 2, 3, 7.6, 10], dest.Select(v => Math.Round(v, 12)).ToArray());
    }

    [Fact]
    public void Compute_GivesNaN_ForNoValues()
    {
        var dest = new double[2];
        Percentiles.Compute([], [5, 50], dest);
        Assert.All(dest, v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void Compute_IsExact_WhenValuesCrowdOneBucket()
    {
        // A million values differing only in the last mantissa bits plus one huge outlier: the radix buckets
        // must still resolve exact order statistics.
        var rng = new System.Random(7);
        double[] values = Enumerable.Range(0, 300_000)
            .Select(_ => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(1e6) + rng.Next(0, 1000)))
            .Append(1e300).Append(-1e300).ToArray();
        AssertSame(values);
    }

    [Theory]
    [InlineData(10_000)]
    [InlineData(100_001)]
    public void Compute_IsExact_WhenTheExtremesAreNotInTheRangeSample(int n)
    {
        // The range is estimated from every 64th value; extremes elsewhere must still land in the right order.
        var rng = new System.Random(n);
        double[] values = Enumerable.Range(0, n).Select(_ => 1000 + rng.NextDouble()).ToArray();
        values[1] = -1e300;
        values[2] = 1e300;
        values[3] = -0.0;
        values[65] = double.Epsilon;
        for (int i = 5; i < n; i += 97)
        {
            values[i] = i % 2 == 0 ? -5e6 + i : 7e8 - i;
        }

        AssertSame(values);
        AssertSame(values.Select(v => -v).ToArray());
    }

    [Fact]
    public void Compute_IsExact_WhenZerosAndTinyResiduesSitBesideBalances()
    {
        // Failed paths hold 0 (or rounding residues) next to balances in the millions: a key range of ~1,000
        // binades crowds the balances into a few buckets, which must be selected again, exactly.
        var rng = new System.Random(11);
        double[] values = Enumerable.Range(0, 300_000).Select(i => (i % 10) switch
        {
            0 or 1 or 2 => 0.0,
            3 => 1e-12 * rng.NextDouble(),
            _ => Math.Exp(11 + 3 * rng.NextDouble()),
        }).ToArray();
        AssertSame(values);
    }

    private static void AssertSame(double[] values)
    {
        var expected = new double[Levels.Length];
        var actual = new double[Levels.Length];
        Percentiles.ComputeBySorting(values, Levels, expected);
        Percentiles.Compute(values, Levels, actual);
        Assert.Equal(expected, actual);
    }
}
