using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Sim.Engine.Simd;

namespace Sim.Engine.Statistics;

/// <summary>
/// Exact sample percentiles with the R-7 definition (Hyndman and Fan 1996, type 7): the one numpy's default,
/// pandas and DuckDB's <c>quantile_cont</c> use, so a notebook recomputes the same numbers from raw paths.
/// For p in [0, 100] and n sorted values x[0..n-1]: h = (n - 1) p / 100, value = x[⌊h⌋] + (h - ⌊h⌋)(x[⌊h⌋+1] - x[⌊h⌋]).
/// </summary>
/// <remarks>
/// <para>
/// Sorting a million values for every year and metric would dominate a run, so <see cref="Compute"/> selects the
/// needed order statistics instead, exactly. Columns of 65,536 values or more go through the one-pass sampling
/// select (<see cref="SampleSelect"/>, PercentilesSampleSelect.cs); smaller ones, and any column where the sample's
/// prediction misses twice, through the histogram select below: two or three streaming passes (a radix select on the
/// IEEE-754 bit pattern), which the sampling select also uses on the few values it keeps:
/// </para>
/// <list type="number">
/// <item>Map every value to an unsigned key whose integer order is the numeric order (flip all bits of negatives,
/// the sign bit of non-negatives). Take the key range [kmin, kmax] and a shift so that (kmax - kmin) &gt;&gt; shift
/// fits in 2^12 buckets (a 16 KiB histogram that stays in the L1 cache); count the keys per bucket. Because the key is exponent-then-mantissa, the buckets are
/// roughly logarithmic in the value, which spreads balance-like (lognormal) data evenly.</item>
/// <item>From the cumulative counts, find the bucket of every needed rank; gather the values of just those
/// buckets, sort them, and read the ranks off.</item>
/// </list>
/// <para>A constant column (all paths equal, e.g. contributions, which are deterministic) is detected in the first
/// pass and answered without the histogram. <see cref="ComputeBySorting"/> is the plain reference the tests compare
/// against.</para>
/// </remarks>
public static partial class Percentiles
{
    private const int BucketBits = 12;
    private const int BucketCount = 1 << BucketBits;
    private const int SampleStride = 64;
    private const int SortThreshold = 2048;

    /// <summary>R-7 percentiles of <paramref name="values"/> (not modified) at each level in [0, 100].</summary>
    public static void Compute(ReadOnlySpan<double> values, ReadOnlySpan<double> levels, Span<double> destination)
    {
        if (destination.Length < levels.Length)
        {
            throw new ArgumentException("destination is shorter than levels", nameof(destination));
        }

        int n = values.Length;
        if (n == 0)
        {
            destination[..levels.Length].Fill(double.NaN);
            return;
        }

        // Needed ranks: lo and lo + 1 for each level.
        Span<long> ranks = stackalloc long[levels.Length * 2];
        NeededRanks(n, levels, ranks);
        Span<double> order = stackalloc double[ranks.Length];
        Select(values, ranks, order);
        Interpolate(n, levels, order, destination);
    }

    /// <summary>
    /// <see cref="Compute"/> in steps that threads can share, for a column of the engine: the constructor plans (for
    /// a large column, the sample and its brackets), <see cref="Classify"/> runs the one pass over one part of the
    /// values (any thread, any order), <see cref="Finish"/> selects and interpolates. The same numbers as
    /// <see cref="Compute"/>, bit for bit, for any number of parts.
    /// </summary>
    internal sealed class Job : IDisposable
    {
        private readonly double[] _values;
        private readonly double[] _levels;
        private readonly long[] _ranks;
        private readonly SampleSelection? _selection;

        /// <summary>Plans the percentiles of <paramref name="values"/> at <paramref name="levels"/>, the pass split into
        /// about <paramref name="parts"/> ranges.</summary>
        public Job(double[] values, double[] levels, int parts)
        {
            _values = values;
            _levels = levels;
            _ranks = new long[levels.Length * 2];
            NeededRanks(values.Length, levels, _ranks);
            if (values.Length >= SampleSelectThreshold)
            {
                _selection = SampleSelection.Plan(values, _ranks, parts);
            }
        }

        /// <summary>How many parts <see cref="Classify"/> takes (0: nothing to classify).</summary>
        public int Parts => _selection?.Parts ?? 0;

        /// <summary>The one pass over part <paramref name="part"/>.</summary>
        public void Classify(int part) => _selection!.Classify(_values, part, SimdWidth.Auto);

        /// <summary>The percentiles, once every part is classified.</summary>
        public void Finish(Span<double> destination)
        {
            int n = _values.Length;
            if (n == 0)
            {
                destination[.._levels.Length].Fill(double.NaN);
                return;
            }

            Span<double> order = stackalloc double[_ranks.Length];
            if (_selection is null || !_selection.Finish(_values, order))
            {
                // A column too small to sample, or one whose brackets missed twice: as Select does in both cases.
                FellBack = _selection is not null;
                HistogramSelect(_values, _ranks, order);
            }

            Interpolate(n, _levels, order, destination);
        }

        /// <summary>How many values the pass staged (for the profile).</summary>
        internal long StagedValues => _selection?.StagedValues ?? 0;

        /// <summary>Whether <see cref="Finish"/> needed the second pass over all values (for the profile).</summary>
        internal bool Recovered => _selection?.Recovered ?? false;

        /// <summary>Whether <see cref="Finish"/> fell back to the histogram select over all values (for the profile).</summary>
        internal bool FellBack { get; private set; }

        /// <summary>Returns the pooled buffers.</summary>
        public void Dispose() => _selection?.Dispose();
    }

    /// <summary>The 0-based ranks R-7 reads for each level: lo and lo + 1 (capped at n − 1), in level order.</summary>
    internal static void NeededRanks(int n, ReadOnlySpan<double> levels, Span<long> ranks)
    {
        for (int i = 0; i < levels.Length; i++)
        {
            (long lo, _) = Position(n, levels[i]);
            ranks[2 * i] = lo;
            ranks[2 * i + 1] = Math.Min(lo + 1, n - 1);
        }
    }

    /// <summary>Each level's percentile from its two order statistics (<see cref="NeededRanks"/>).</summary>
    private static void Interpolate(int n, ReadOnlySpan<double> levels, ReadOnlySpan<double> order, Span<double> destination)
    {
        for (int i = 0; i < levels.Length; i++)
        {
            (_, double frac) = Position(n, levels[i]);
            destination[i] = Interpolate(order[2 * i], order[2 * i + 1], frac);
        }
    }

    /// <summary>The order statistics x(ranks[r]) (0-based ranks into the sorted values), exactly.</summary>
    /// <remarks>Large inputs go through <see cref="SampleSelect"/> (one pass); when its prediction misses, or for
    /// mid-sized inputs, through <see cref="HistogramSelect"/> (two or three passes).</remarks>
    internal static void Select(ReadOnlySpan<double> values, ReadOnlySpan<long> ranks, Span<double> result,
        SimdWidth width = SimdWidth.Auto)
    {
        if (values.Length >= SampleSelectThreshold && SampleSelect(values, ranks, result, width))
        {
            return;
        }

        HistogramSelect(values, ranks, result);
    }

    /// <summary>The order statistics x(ranks[r]) by histograms of the keys, exactly.</summary>
    /// <remarks>
    /// Level 1 histograms the keys over the (sampled) key range. A needed bucket that is still large (a wide range
    /// crowds the values into a few buckets, e.g. zeros of failed paths beside balances in the millions) is split
    /// again by a level-2 histogram over its own key range in one more pass. The last pass gathers only the small
    /// (sub-)buckets that hold a needed rank; those are sorted, or selected again in the rare case one is still large.
    /// </remarks>
    internal static void HistogramSelect(ReadOnlySpan<double> values, ReadOnlySpan<long> ranks, Span<double> result)
    {
        int n = values.Length;
        if (n <= SortThreshold)
        {
            double[] sorted = values.ToArray();
            Array.Sort(sorted);
            for (int r = 0; r < ranks.Length; r++)
            {
                result[r] = sorted[ranks[r]];
            }

            return;
        }

        // The key range, estimated from a strided sample (every 64th value). Exactness does not depend on it: keys
        // outside the estimate are clamped into the first or last bucket, and a needed bucket is gathered whole.
        ulong kmin = ulong.MaxValue, kmax = 0;
        for (int i = 0; i < n; i += SampleStride)
        {
            ulong k = Key(values[i]);
            kmin = Math.Min(kmin, k);
            kmax = Math.Max(kmax, k);
        }

        if (kmin == kmax)
        {
            // The sample is constant: check the whole column before trusting it.
            double min = TensorPrimitives.Min(values), max = TensorPrimitives.Max(values);
            if (Key(min) == Key(max))
            {
                result[..ranks.Length].Fill(values[0]);
                return;
            }

            kmin = Key(min);
            kmax = Key(max);
        }

        // One fine grid of up to 2^24 cells over [kmin, kmax]: fine = min((key − kmin) >> fineShift, maxFine). Level 1
        // is fine >> d (2^12 buckets), level 2 is fine & (2^d − 1) inside a level-1 bucket. Keys outside the range
        // clamp to the first or last cell, which is gathered whole when a needed rank is there, so the result stays
        // exact whatever the sampled range.
        ulong range = kmax - kmin;
        int shift1 = Math.Max(0, 64 - BitOperations.LeadingZeroCount(range) - BucketBits);
        int d = Math.Min(shift1, BucketBits);
        int fineShift = shift1 - d;
        ulong maxFine = ((range >> shift1) << d) | ((1UL << d) - 1);

        int[] counts = ArrayPool<int>.Shared.Rent(BucketCount);
        int[] slot = ArrayPool<int>.Shared.Rent(BucketCount);
        int[]? subCounts = null, subGather = null;
        try
        {
            // Pass 1: level-1 histogram.
            Array.Clear(counts, 0, BucketCount);
            ref int count0 = ref MemoryMarshal.GetArrayDataReference(counts);
            foreach (double v in values)
            {
                Unsafe.Add(ref count0, (nint)(Fine(v, kmin, fineShift, maxFine) >> d))++;
            }

            // The needed level-1 buckets ("cells"; slot[bucket] = 1 + cell); a large one is split at level 2.
            Array.Clear(slot, 0, BucketCount);
            Span<int> rankCell = stackalloc int[ranks.Length];
            Span<long> rankBase = stackalloc long[ranks.Length];
            Span<bool> split = stackalloc bool[ranks.Length];
            Span<int> cellSize = stackalloc int[ranks.Length];
            int cells = 0;
            bool anySplit = false;
            for (int r = 0; r < ranks.Length; r++)
            {
                (int b, long below) = Locate(counts, ranks[r]);
                if (slot[b] == 0)
                {
                    split[cells] = counts[b] > SortThreshold && d > 0;
                    cellSize[cells] = counts[b];
                    anySplit |= split[cells];
                    slot[b] = ++cells;
                }

                rankCell[r] = slot[b] - 1;
                rankBase[r] = below;
            }

            ref int slot0 = ref MemoryMarshal.GetArrayDataReference(slot);
            int subMask = (1 << d) - 1;

            // Pass 2 (only when a needed bucket is large): level-2 histograms, cell c at [c << BucketBits, ...).
            if (anySplit)
            {
                subCounts = ArrayPool<int>.Shared.Rent(cells << BucketBits);
                Array.Clear(subCounts, 0, cells << BucketBits);
                ref int sub0 = ref MemoryMarshal.GetArrayDataReference(subCounts);
                foreach (double v in values)
                {
                    ulong fine = Fine(v, kmin, fineShift, maxFine);
                    int c = Unsafe.Add(ref slot0, (nint)(fine >> d)) - 1;
                    if (c >= 0 && split[c])
                    {
                        Unsafe.Add(ref sub0, (c << BucketBits) | (int)(fine & (ulong)subMask))++;
                    }
                }
            }

            // Each needed rank → the (sub-)bucket to gather and its rank inside it. subGather[c << 12 | sub] and
            // whole[c] hold 1 + the gather index.
            var gathers = new List<double[]>();
            Span<int> whole = stackalloc int[cells];
            whole.Clear();
            if (anySplit)
            {
                subGather = ArrayPool<int>.Shared.Rent(cells << BucketBits);
                Array.Clear(subGather, 0, cells << BucketBits);
            }

            Span<int> rankGather = stackalloc int[ranks.Length];
            Span<long> rankWithin = stackalloc long[ranks.Length];
            for (int r = 0; r < ranks.Length; r++)
            {
                int c = rankCell[r];
                long within = ranks[r] - rankBase[r];
                if (!split[c])
                {
                    if (whole[c] == 0)
                    {
                        gathers.Add(new double[cellSize[c]]);
                        whole[c] = gathers.Count;
                    }

                    rankGather[r] = whole[c] - 1;
                    rankWithin[r] = within;
                }
                else
                {
                    var cellCounts = subCounts.AsSpan(c << BucketBits, 1 << d);
                    (int b2, long below2) = Locate(cellCounts, within);
                    int key = (c << BucketBits) | b2;
                    if (subGather![key] == 0)
                    {
                        gathers.Add(new double[cellCounts[b2]]);
                        subGather[key] = gathers.Count;
                    }

                    rankGather[r] = subGather[key] - 1;
                    rankWithin[r] = within - below2;
                }
            }

            // Pass 3: gather.
            Span<int> fill = stackalloc int[gathers.Count];
            fill.Clear();
            foreach (double v in values)
            {
                ulong fine = Fine(v, kmin, fineShift, maxFine);
                int c = Unsafe.Add(ref slot0, (nint)(fine >> d)) - 1;
                if (c < 0)
                {
                    continue;
                }

                int g = (split[c] ? subGather![(c << BucketBits) | (int)(fine & (ulong)subMask)] : whole[c]) - 1;
                if (g >= 0)
                {
                    gathers[g][fill[g]++] = v;
                }
            }

            // Inside each gathered bucket: sort when small, select again when still large.
            Span<long> local = stackalloc long[ranks.Length];
            Span<double> found = stackalloc double[ranks.Length];
            for (int g = 0; g < gathers.Count; g++)
            {
                int m = 0;
                for (int r = 0; r < ranks.Length; r++)
                {
                    if (rankGather[r] == g)
                    {
                        local[m++] = rankWithin[r];
                    }
                }

                Select(gathers[g], local[..m], found[..m]);
                m = 0;
                for (int r = 0; r < ranks.Length; r++)
                {
                    if (rankGather[r] == g)
                    {
                        result[r] = found[m++];
                    }
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(counts);
            ArrayPool<int>.Shared.Return(slot);
            if (subCounts is not null)
            {
                ArrayPool<int>.Shared.Return(subCounts);
            }

            if (subGather is not null)
            {
                ArrayPool<int>.Shared.Return(subGather);
            }
        }
    }

    /// <summary>The fine cell of a value: (key − kmin) &gt;&gt; shift, clamped to [0, maxFine], in unsigned arithmetic.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Fine(double v, ulong kmin, int shift, ulong maxFine)
    {
        ulong k = Key(v);
        ulong offset = k < kmin ? 0 : k - kmin;
        return Math.Min(offset >> shift, maxFine);
    }

    /// <summary>The bucket holding 0-based rank <paramref name="rank"/>, and how many values lie in earlier buckets.</summary>
    private static (int Bucket, long Below) Locate(ReadOnlySpan<int> counts, long rank)
    {
        long cumulative = 0;
        int b = 0;
        while (cumulative + counts[b] <= rank)
        {
            cumulative += counts[b];
            b++;
        }

        return (b, cumulative);
    }

    /// <summary>The reference: sort a copy and apply the R-7 formula.</summary>
    public static void ComputeBySorting(ReadOnlySpan<double> values, ReadOnlySpan<double> levels, Span<double> destination)
    {
        int n = values.Length;
        if (n == 0)
        {
            destination[..levels.Length].Fill(double.NaN);
            return;
        }

        double[] sorted = values.ToArray();
        Array.Sort(sorted);
        for (int i = 0; i < levels.Length; i++)
        {
            (long lo, double frac) = Position(n, levels[i]);
            destination[i] = Interpolate(sorted[lo], sorted[Math.Min(lo + 1, n - 1)], frac);
        }
    }

    /// <summary>R-7 position: h = (n - 1) p / 100 split into ⌊h⌋ and its fractional part.</summary>
    internal static (long Lower, double Fraction) Position(int n, double level)
    {
        double h = (n - 1) * (level / 100.0);
        double lower = Math.Floor(h);
        return ((long)lower, h - lower);
    }

    /// <summary>lo + frac (hi - lo), the interpolation DuckDB's quantile_cont and numpy use.</summary>
    internal static double Interpolate(double lo, double hi, double frac) => frac == 0 ? lo : lo + frac * (hi - lo);

    /// <summary>Order-preserving map from double to ulong (total order for non-NaN values).</summary>
    /// <remarks>Branch-free: negatives have every bit flipped, non-negatives only the sign bit.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Key(double v)
    {
        long bits = BitConverter.DoubleToInt64Bits(v);
        return (ulong)(bits ^ ((bits >> 63) | long.MinValue));
    }
}
