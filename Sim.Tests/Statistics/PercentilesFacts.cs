using Sim.Engine.Simd;
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

    [Theory]
    [InlineData(70_000, 0.0, false)]
    [InlineData(200_003, 0.0, false)]
    [InlineData(300_000, 0.12, false)]
    [InlineData(1_000_000, 0.03, false)]
    [InlineData(70_001, 0.0, true)]
    [InlineData(300_001, 0.12, true)]
    [InlineData(1_000_001, 0.07, true)]
    public void SampleSelect_FindsEveryRankInOnePass_AndEqualsSorting(int n, double zeroShare, bool defaultLevels)
    {
        // The default seven levels give at most seven brackets (the AVX-512 path's vpermq lookup); the eleven
        // levels of this class give more (the general path).
        double[] levels = defaultLevels ? [5, 10, 25, 50, 75, 90, 95] : Levels;
        // Balance-like columns: lognormal, with a share of failed paths at exactly 0. The one-pass select must
        // succeed (no fallback) at every width and give the sort's order statistics.
        var rng = new System.Random(n);
        double[] values = Enumerable.Range(0, n)
            .Select(_ => rng.NextDouble() < zeroShare ? 0.0 : Math.Exp(12 + 1.5 * Normal(rng))).ToArray();
        double[] sorted = values.Order().ToArray();
        long[] ranks = levels.SelectMany(level =>
        {
            (long lo, _) = Percentiles.Position(n, level);
            return new[] { lo, Math.Min(lo + 1, n - 1) };
        }).ToArray();
        foreach (var width in SimdWidths.All)
        {
            var found = new double[ranks.Length];
            Assert.True(Percentiles.SampleSelect(values, ranks, found, width), $"fell back at {width}");
            Assert.Equal(ranks.Select(r => sorted[r]).ToArray(), found);
        }
    }

    public static IEnumerable<object[]> ShortLengths() => Enumerable.Range(0, 257).Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(ShortLengths))]
    public void Classify_GivesTheSameCountsAndGatheredValues_AtEveryWidth(int n)
    {
        // Vectors of 8 or 4 keys plus the scalar remainder: every width must count and gather exactly like the
        // scalar twin, including negatives, −0, +0, ties and values on the bracket edges.
        var rng = new System.Random(n + 1);
        double[] pool = [-3.5, -0.0, 0.0, 1.0, 2.0, 2.5, 7.0, 1e9, -1e-300];
        double[] values = Enumerable.Range(0, n).Select(i => i % 3 == 0 ? pool[rng.Next(pool.Length)] : rng.NextDouble() * 10 - 2).ToArray();
        long[] a = [long.MinValue, Percentiles.SignedKey(0.0), Percentiles.SignedKey(2.0), Percentiles.SignedKey(7.0)];
        long[] b = [Percentiles.SignedKey(-1.0), Percentiles.SignedKey(1.0), Percentiles.SignedKey(2.0), long.MaxValue];
        (long[] Below, int[] Filled, double[][] Gathered) Run(SimdWidth width)
        {
            var below = new long[a.Length];
            var filled = new int[a.Length];
            double[][] gather = [new double[n + 1], new double[n + 1], new double[1], new double[n + 1]];
            Assert.True(Percentiles.Classify(values, a, b, below, gather, filled, width));
            return (below, filled, gather);
        }

        var scalar = Run(SimdWidth.Scalar);
        // The scalar twin against the definition.
        for (int t = 0; t < a.Length; t++)
        {
            long lo = a[t], hi = b[t];
            Assert.Equal(values.Count(v => Percentiles.SignedKey(v) < lo), scalar.Below[t]);
            var inside = values.Where(v => Percentiles.SignedKey(v) >= lo && Percentiles.SignedKey(v) <= hi).ToArray();
            Assert.Equal(inside.Length, scalar.Filled[t]);
            if (lo != hi)
            {
                Assert.Equal(inside, scalar.Gathered[t].Take(inside.Length));
            }
        }

        foreach (var width in new[] { SimdWidth.Vector256, SimdWidth.Vector512 })
        {
            var v = Run(width);
            Assert.Equal(scalar.Below, v.Below);
            Assert.Equal(scalar.Filled, v.Filled);
            for (int t = 0; t < a.Length; t++)
            {
                Assert.Equal(scalar.Gathered[t].Take(scalar.Filled[t]).Select(BitConverter.DoubleToInt64Bits),
                    v.Gathered[t].Take(v.Filled[t]).Select(BitConverter.DoubleToInt64Bits));
            }
        }
    }

    public static IEnumerable<object[]> ShortLengthsAndBracketSets() =>
        Enumerable.Range(0, 257).SelectMany(n => Enumerable.Range(0, 4).Select(set => new object[] { n, set }));

    // The vector paths run blocks of up to 255 vectors (2,040 values at AVX-512, 1,020 at AVX2) between flushes of
    // their byte counters, shorter when the staging buffer is nearly full: lengths around those block ends.
    public static IEnumerable<object[]> BlockLengthsAndBracketSets() =>
        new[] { 1019, 1020, 1021, 2039, 2040, 2041, 2048, 4081, 4089, 10_007 }
            .SelectMany(n => Enumerable.Range(0, 4).Select(set => new object[] { n, set }));

    [Theory]
    [MemberData(nameof(ShortLengthsAndBracketSets))]
    [MemberData(nameof(BlockLengthsAndBracketSets))]
    public void ClassifyStaged_CountsAndPacksLikeTheDefinition_AtEveryWidth(int n, int set)
    {
        // The branch-free pass: every width must give the definition's counts and stage exactly the values inside
        // the multi-key brackets, in index order. The sets cover fewer than seven brackets (padded in the vector
        // paths), exactly seven with two one-key brackets (AVX2 hands those to the scalar twin), more than seven (the
        // scalar twin) and an unbounded first and last bracket.
        var rng = new System.Random(1000 * n + set);
        double[] pool = [-3.5, -0.0, 0.0, 1.0, 2.0, 2.5, 4.0, 7.0, 1e9, -1e-300];
        double[] values = Enumerable.Range(0, n).Select(i => i % 3 == 0 ? pool[rng.Next(pool.Length)] : rng.NextDouble() * 12 - 3).ToArray();
        long K(double v) => Percentiles.SignedKey(v);
        (long[] A, long[] B) = set switch
        {
            0 => (new[] { long.MinValue, K(0.0), K(2.0), K(7.0) }, new[] { K(-1.0), K(1.0), K(2.0), long.MaxValue }),
            1 => (new[] { K(-3.5), K(-0.0), K(0.5), K(1.0), K(2.0), K(3.0), K(4.0) }, new[] { K(-1.0), K(0.0), K(0.75), K(1.0), K(2.5), K(3.5), K(4.0) }),
            2 => (new[] { K(-3.0), K(-2.0), K(-1.0), K(0.0), K(1.0), K(2.0), K(3.0), K(5.0), K(8.0) },
                  new[] { K(-2.5), K(-1.5), K(-0.5), K(0.5), K(1.5), K(2.5), K(4.0), K(7.0), long.MaxValue }),
            _ => (new[] { K(2.0) }, new[] { K(6.0) }),
        };
        AssertClassifiesLikeTheDefinition(values, A, B);
    }

    /// <summary>
    /// Every width's <see cref="Percentiles.ClassifyStaged"/> against the definition, computed here value by value:
    /// the count below each bracket, the count inside it, and the values inside multi-key brackets staged in index
    /// order (bit for bit). A staging buffer of exactly what the pass keeps plus the vector slack is enough; one value
    /// short of what it keeps is refused, not overrun.
    /// </summary>
    private static void AssertClassifiesLikeTheDefinition(double[] values, long[] a, long[] b)
    {
        long K(double v) => Percentiles.SignedKey(v);
        var expectedBelow = a.Select(lo => (long)values.Count(v => K(v) < lo)).ToArray();
        var expectedFilled = a.Select((lo, t) => values.Count(v => K(v) >= lo && K(v) <= b[t])).ToArray();
        var expectedStaged = values.Where(v => a.Select((lo, t) => lo != b[t] && K(v) >= lo && K(v) <= b[t]).Any(x => x))
            .Select(BitConverter.DoubleToInt64Bits).ToArray();
        Assert.Equal(values.Length, expectedFilled.Sum() + values.Count(v => !a.Select((lo, t) => K(v) >= lo && K(v) <= b[t]).Any(x => x)));
        foreach (var width in SimdWidths.All)
        {
            var below = new long[a.Length];
            var filled = new int[a.Length];
            var staged = new double[values.Length + 8];
            Assert.True(Percentiles.ClassifyStaged(values, a, b, below, filled, staged, out int count, width));
            Assert.Equal(expectedBelow, below);
            Assert.Equal(expectedFilled, filled);
            Assert.Equal(expectedStaged, staged.Take(count).Select(BitConverter.DoubleToInt64Bits));

            var exact = new double[expectedStaged.Length + 8];
            Assert.True(Percentiles.ClassifyStaged(values, a, b, below, filled, exact, out int exactCount, width));
            Assert.Equal(expectedStaged, exact.Take(exactCount).Select(BitConverter.DoubleToInt64Bits));
            if (expectedStaged.Length > 0)
            {
                var small = new double[expectedStaged.Length - 1];
                Assert.False(Percentiles.ClassifyStaged(values, a, b, below, filled, small, out _, width));
            }
        }
    }

    // Every bracket count the vector paths take (1 to 7), with no, one and two one-key brackets (AVX2 hands two to the
    // scalar twin), over lengths around the vector widths and a block end.
    public static IEnumerable<object[]> BracketCountsOneKeysAndLengths() =>
        from m in Enumerable.Range(1, 7)
        from oneKeys in Enumerable.Range(0, Math.Min(m, 2) + 1)
        from n in new[] { 0, 1, 3, 4, 5, 8, 9, 31, 64, 67, 255, 1021, 2043 }
        select new object[] { m, oneKeys, n };

    [Theory]
    [MemberData(nameof(BracketCountsOneKeysAndLengths))]
    public void ClassifyStaged_CountsAndPacksLikeTheDefinition_ForOneToSevenBrackets(int m, int oneKeys, int n)
    {
        // The search of the vector paths (which a[t] is compared in each step, which bracket's b is tested, the
        // counter bit of ge) differs for every bracket count and every ge, so each of 1..7 brackets is run with keys
        // on every end, one key below and above every end, ±0, ±∞, the smallest and largest finite magnitudes, NaNs
        // (the default NaN, its positive twin and the one whose key is long.MinValue; long.MaxValue is the padding
        // key and never a value's) and random numbers; ends at long.MinValue and long.MaxValue in some sets.
        var rng = new System.Random(10_000 * m + 1_000 * oneKeys + n);
        long K(double v) => Percentiles.SignedKey(v);
        double[] special = [double.NegativeInfinity, -double.MaxValue, -1e300, -3.5, -1.0, -double.Epsilon, -0.0, 0.0,
            double.Epsilon, 1e-300, 0.5, 1.0, 2.0, 2.5, 4.0, 7.0, 1e9, double.MaxValue, double.PositiveInfinity];
        // 2m distinct sorted ends from the special keys and random ones, paired into brackets; oneKeys of them closed
        // to their a (b[t] = a[t] keeps b[t] < a[t + 1]).
        var candidates = special.Select(K).Concat(Enumerable.Range(0, 8).Select(_ => K(rng.NextDouble() * 20 - 5)))
            .Concat(rng.Next(3) == 0 ? [long.MinValue] : []).Distinct().OrderBy(_ => rng.Next()).Take(2 * m).Order().ToArray();
        if (rng.Next(3) == 0)
        {
            candidates[^1] = long.MaxValue;
        }

        long[] a = Enumerable.Range(0, m).Select(t => candidates[2 * t]).ToArray();
        long[] b = Enumerable.Range(0, m).Select(t => candidates[2 * t + 1]).ToArray();
        foreach (int t in Enumerable.Range(0, m).OrderBy(_ => rng.Next()).Take(oneKeys))
        {
            b[t] = a[t];
        }

        var keyPool = candidates.SelectMany(e => new[] { e - 1, e, e + 1 })
            .Concat(special.Select(K)).Concat([K(double.NaN), K(-double.NaN), long.MinValue])
            .Where(k => k != long.MaxValue).ToArray();
        double[] values = Enumerable.Range(0, n).Select(i => i % 4 == 3
            ? rng.NextDouble() * 20 - 5
            : Percentiles.FromSignedKey(keyPool[rng.Next(keyPool.Length)])).ToArray();

        AssertClassifiesLikeTheDefinition(values, a, b);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(257)]
    [InlineData(8192)]
    public void RadixSort_SortsLikeTheComparisonSort(int n)
    {
        // Keys of both signs, ties, the extremes, and runs whose high bytes agree (skipped passes).
        var rng = new System.Random(n + 7);
        long[] keys = Enumerable.Range(0, n).Select(i => (i % 5) switch
        {
            0 => rng.NextInt64(long.MinValue, long.MaxValue),
            1 => Percentiles.SignedKey(Math.Exp(10 + rng.NextDouble())),
            2 => Percentiles.SignedKey(-rng.NextDouble()),
            3 => i % 2 == 0 ? long.MinValue : long.MaxValue,
            _ => 42,
        }).ToArray();
        long[] expected = keys.Order().ToArray();
        Percentiles.RadixSort(keys, new long[n]);
        Assert.Equal(expected, keys);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    public void Job_GivesTheBitsOfCompute_ForAnyNumberOfParts(int parts)
    {
        // The engine's split select: the pass in parts (run here in reverse order, as threads may), then the select.
        // Columns: balance-like with failed paths at 0; constant; below the sampling threshold; and one whose
        // sample sees a single value though the column has two (the plan refuses, the histogram select answers).
        var rng = new System.Random(parts);
        const int twoValued = 64 * 8192;
        var sampled = Enumerable.Range(0, Percentiles.SampleSelection.SampleSize(twoValued))
            .Select(i => Percentiles.SampleSelection.SampleAt(twoValued, i)).ToHashSet();
        double[][] columns =
        [
            Enumerable.Range(0, 200_003).Select(_ => rng.NextDouble() < 0.07 ? 0.0 : Math.Exp(12 + 1.5 * Normal(rng))).ToArray(),
            Enumerable.Repeat(1234.5, 100_000).ToArray(),
            Enumerable.Range(0, 5_000).Select(_ => rng.NextDouble()).ToArray(),
            Enumerable.Range(0, twoValued).Select(i => i % 3 == 0 && !sampled.Contains(i) ? 7.0 : 3.0).ToArray(),
        ];
        double[] levels = [5, 10, 25, 50, 75, 90, 95];
        foreach (var column in columns)
        {
            var expected = new double[levels.Length];
            Percentiles.Compute(column, levels, expected);
            using var job = new Percentiles.Job(column, levels, parts);
            if (column.Length == twoValued)
            {
                Assert.Equal(0, job.Parts); // the plan refused: its sample saw one value
            }

            for (int part = job.Parts - 1; part >= 0; part--)
            {
                job.Classify(part);
            }

            var actual = new double[levels.Length];
            job.Finish(actual);
            Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Theory]
    [InlineData(70_001, 1)]
    [InlineData(300_001, 3)]
    [InlineData(1_000_000, 4)]
    public void Finish_SelectsAmongTheNarrowerBrackets_ForBalanceLikeColumns(int n, int parts)
    {
        // The second step: the sample's points inside each bracket predict a narrower bracket, a pass over the
        // staged values keeps those inside it, and the ranks are selected among them; for lognormal columns with
        // failed paths at 0 that prediction holds, and the order statistics are the sort's.
        var rng = new System.Random(n + parts);
        double[] values = Enumerable.Range(0, n)
            .Select(_ => rng.NextDouble() < 0.05 ? 0.0 : Math.Exp(12 + 1.5 * Normal(rng))).ToArray();
        long[] ranks = RanksOf(n, [5, 10, 25, 50, 75, 90, 95]);
        double[] sorted = values.Order().ToArray();
        using var selection = Percentiles.SampleSelection.Plan(values, ranks, parts);
        for (int part = 0; part < selection.Parts; part++)
        {
            selection.Classify(values, part, SimdWidth.Auto);
        }

        var found = new double[ranks.Length];
        Assert.True(selection.Finish(values, found));
        Assert.True(selection.Narrowed);
        Assert.Equal(ranks.Select(r => sorted[r]).ToArray(), found);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Finish_SelectsAmongAllStagedValues_WhenTheNarrowerBracketMisses(int parts)
    {
        // The sampled values spread evenly over [0, 1) while the other values avoid [0.47, 0.53] except for a block
        // of ties at 0.515 that holds the median. The plan's bracket around the median catches the block, but inside
        // it the sample's points predict the median near 0.50, so the narrower bracket misses and the select over
        // all the staged values must answer, exactly.
        const int n = 200_000;
        var rng = new System.Random(5);
        double[] values = Enumerable.Range(0, n).Select(_ =>
        {
            double u = rng.NextDouble();
            return u < 0.48 ? u / 0.48 * 0.47 : u < 0.52 ? 0.515 : 0.53 + (u - 0.52) / 0.48 * 0.47;
        }).ToArray();
        int s = Percentiles.SampleSelection.SampleSize(n);
        for (int i = 0; i < s; i++)
        {
            values[Percentiles.SampleSelection.SampleAt(n, i)] = (i + 0.5) / s;
        }

        long[] ranks = RanksOf(n, [50]);
        double[] sorted = values.Order().ToArray();
        using var selection = Percentiles.SampleSelection.Plan(values, ranks, parts);
        for (int part = selection.Parts - 1; part >= 0; part--)
        {
            selection.Classify(values, part, SimdWidth.Auto);
        }

        var found = new double[ranks.Length];
        Assert.True(selection.Finish(values, found));
        Assert.False(selection.Narrowed);
        Assert.Equal(ranks.Select(r => sorted[r]).ToArray(), found);
        Assert.Equal(0.515, found[0]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Finish_TriesOnceMoreOverAllValues_WhenARankMissesEveryBracket(bool secondTryMisses)
    {
        // The sampled values spread evenly over [0, 1), so the plan brackets the median near 0.5, but the other values
        // put it elsewhere. Uniform over [0, 0.9): the median (0.45) lies in the gap below the bracket, where the
        // sample's points predict it well, and the second pass finds it. A block of ties at 0.3 holding the median:
        // the gap's points predict about 0.4, the second try misses too, and Finish leaves it to the caller; in both
        // cases Compute gives the sort's numbers.
        const int n = 200_000;
        var rng = new System.Random(secondTryMisses ? 9 : 8);
        double[] values = Enumerable.Range(0, n).Select(_ =>
        {
            double u = rng.NextDouble();
            return !secondTryMisses ? 0.9 * u : u < 0.6 ? 0.3 : 0.6 + 0.3 * u;
        }).ToArray();
        int s = Percentiles.SampleSelection.SampleSize(n);
        for (int i = 0; i < s; i++)
        {
            values[Percentiles.SampleSelection.SampleAt(n, i)] = (i + 0.5) / s;
        }

        double[] levels = [25, 50];
        long[] ranks = RanksOf(n, levels);
        double[] sorted = values.Order().ToArray();
        using var selection = Percentiles.SampleSelection.Plan(values, ranks, 2);
        for (int part = 0; part < selection.Parts; part++)
        {
            selection.Classify(values, part, SimdWidth.Auto);
        }

        var found = new double[ranks.Length];
        Assert.Equal(!secondTryMisses, selection.Finish(values, found));
        Assert.Equal(!secondTryMisses, selection.Recovered);
        if (!secondTryMisses)
        {
            Assert.Equal(ranks.Select(r => sorted[r]).ToArray(), found);
        }

        var expected = new double[levels.Length];
        var actual = new double[levels.Length];
        Percentiles.ComputeBySorting(values, levels, expected);
        Percentiles.Compute(values, levels, actual);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(65_536)]
    [InlineData(200_003)]
    [InlineData(1_000_000)]
    public void SampleAt_PicksDistinctIndicesSpreadOverTheWholeColumn(int n)
    {
        // Runs of neighbours, evenly spaced: strictly increasing indices from the first value to the last, and the
        // sample no larger than n / 64.
        int s = Percentiles.SampleSelection.SampleSize(n);
        int[] at = Enumerable.Range(0, s).Select(i => Percentiles.SampleSelection.SampleAt(n, i)).ToArray();
        Assert.InRange(s, 1024, Math.Min(8192, n / 64));
        Assert.Equal(0, at[0]);
        Assert.Equal(n - 1, at[^1]);
        Assert.All(Enumerable.Range(1, s - 1), i => Assert.True(at[i] > at[i - 1], $"index {i}"));
        Assert.True(at[s / 2] > n / 3 && at[s / 2] < 2 * n / 3);
    }

    [Fact]
    public void SignedKey_OrdersLikeTheNumbers()
    {
        double[] ordered = [double.NegativeInfinity, -1e300, -2.0, -1.0, -double.Epsilon, -0.0, 0.0, double.Epsilon, 1.0, 2.0, 1e300, double.PositiveInfinity];
        long[] keys = ordered.Select(Percentiles.SignedKey).ToArray();
        for (int i = 1; i < keys.Length; i++)
        {
            Assert.True(keys[i - 1] < keys[i], $"{ordered[i - 1]} vs {ordered[i]}");
        }
    }

    private static long[] RanksOf(int n, double[] levels) => levels.SelectMany(level =>
    {
        (long lo, _) = Percentiles.Position(n, level);
        return new[] { lo, Math.Min(lo + 1, n - 1) };
    }).ToArray();

    private static double Normal(System.Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static void AssertSame(double[] values)
    {
        var expected = new double[Levels.Length];
        var actual = new double[Levels.Length];
        Percentiles.ComputeBySorting(values, Levels, expected);
        Percentiles.Compute(values, Levels, actual);
        Assert.Equal(expected, actual);
    }
}
