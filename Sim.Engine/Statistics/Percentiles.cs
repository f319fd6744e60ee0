using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sim.Engine.Statistics;

/// <summary>
/// Exact sample percentiles with the R-7 definition (Hyndman and Fan 1996, type 7): the one numpy's default,
/// pandas and DuckDB's <c>quantile_cont</c> use, so a notebook recomputes the same numbers from raw paths.
/// For p in [0, 100] and n sorted values x[0..n-1]: h = (n - 1) p / 100, value = x[⌊h⌋] + (h - ⌊h⌋)(x[⌊h⌋+1] - x[⌊h⌋]).
/// </summary>
/// <remarks>
/// <para>
/// Sorting a million values for every year and metric would dominate a run, so <see cref="Compute"/> selects the
/// needed order statistics instead, exactly, in two streaming passes (a radix select on the IEEE-754 bit pattern):
/// </para>
/// <list type="number">
/// <item>Map every value to an unsigned key whose integer order is the numeric order (flip all bits of negatives,
/// the sign bit of non-negatives). Take the key range [kmin, kmax] and a shift so that (kmax - kmin) &gt;&gt; shift
/// fits in 2^14 buckets (a 64 KiB histogram that stays in the L2 cache); count the keys per bucket. Because the key is exponent-then-mantissa, the buckets are
/// roughly logarithmic in the value, which spreads balance-like (lognormal) data evenly.</item>
/// <item>From the cumulative counts, find the bucket of every needed rank; gather the values of just those
/// buckets, sort them, and read the ranks off.</item>
/// </list>
/// <para>A constant column (all paths equal, e.g. contributions, which are deterministic) is detected in the first
/// pass and answered without the histogram. <see cref="ComputeBySorting"/> is the plain reference the tests compare
/// against.</para>
/// </remarks>
public static class Percentiles
{
    private const int BucketBits = 14;
    private const int BucketCount = 1 << BucketBits;
    private const int SampleStride = 64;

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
            double first = values[0];
            if (TensorPrimitives.Min(values) == first && TensorPrimitives.Max(values) == first)
            {
                destination[..levels.Length].Fill(first);
                return;
            }

            kmin = Key(TensorPrimitives.Min(values));
            kmax = Key(TensorPrimitives.Max(values));
        }

        // Needed ranks: lo and lo + 1 for each level.
        Span<long> ranks = stackalloc long[levels.Length * 2];
        for (int i = 0; i < levels.Length; i++)
        {
            (long lo, _) = Position(n, levels[i]);
            ranks[2 * i] = lo;
            ranks[2 * i + 1] = Math.Min(lo + 1, n - 1);
        }

        ulong range = kmax - kmin;
        int shift = Math.Max(0, 64 - BitOperations.LeadingZeroCount(range) - BucketBits);
        int last = (int)(range >> shift);

        int[] counts = ArrayPool<int>.Shared.Rent(BucketCount);
        int[] slot = ArrayPool<int>.Shared.Rent(BucketCount);
        try
        {
            // Pass 2: histogram of the keys.
            Array.Clear(counts, 0, BucketCount);
            ref int count0 = ref MemoryMarshal.GetArrayDataReference(counts);
            foreach (double v in values)
            {
                Unsafe.Add(ref count0, Bucket(v, kmin, shift, last))++;
            }

            // Each needed rank → (bucket, first rank of that bucket); slot[bucket] = 1 + index of its gather list.
            Span<int> rankBucket = stackalloc int[ranks.Length];
            Span<long> bucketStart = stackalloc long[ranks.Length];
            Array.Clear(slot, 0, BucketCount);
            var lists = new List<double[]>();
            for (int r = 0; r < ranks.Length; r++)
            {
                long cumulative = 0;
                int b = 0;
                while (cumulative + counts[b] <= ranks[r])
                {
                    cumulative += counts[b];
                    b++;
                }

                rankBucket[r] = b;
                bucketStart[r] = cumulative;
                if (slot[b] == 0)
                {
                    lists.Add(new double[counts[b]]);
                    slot[b] = lists.Count;
                }
            }

            // Pass 3: gather the values of just the needed buckets (O(1) lookup per value), then sort them.
            Span<int> fill = stackalloc int[lists.Count];
            fill.Clear();
            ref int slot0 = ref MemoryMarshal.GetArrayDataReference(slot);
            foreach (double v in values)
            {
                int d = Unsafe.Add(ref slot0, Bucket(v, kmin, shift, last));
                if (d != 0)
                {
                    lists[d - 1][fill[d - 1]++] = v;
                }
            }

            foreach (double[] list in lists)
            {
                Array.Sort(list);
            }

            Span<double> order = stackalloc double[ranks.Length];
            for (int r = 0; r < ranks.Length; r++)
            {
                order[r] = lists[slot[rankBucket[r]] - 1][ranks[r] - bucketStart[r]];
            }

            for (int i = 0; i < levels.Length; i++)
            {
                (_, double frac) = Position(n, levels[i]);
                destination[i] = Interpolate(order[2 * i], order[2 * i + 1], frac);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(counts);
            ArrayPool<int>.Shared.Return(slot);
        }
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

    /// <summary>The bucket of a value: (key − kmin) &gt;&gt; shift, clamped to [0, last] (in unsigned arithmetic: any double range fits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint Bucket(double v, ulong kmin, int shift, int last)
    {
        ulong k = Key(v);
        ulong offset = k < kmin ? 0 : k - kmin;
        return (nint)Math.Min(offset >> shift, (ulong)last);
    }

    /// <summary>Order-preserving map from double to ulong (total order for non-NaN values).</summary>
    /// <remarks>Branch-free: negatives have every bit flipped, non-negatives only the sign bit.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Key(double v)
    {
        long bits = BitConverter.DoubleToInt64Bits(v);
        return (ulong)(bits ^ ((bits >> 63) | long.MinValue));
    }
}
