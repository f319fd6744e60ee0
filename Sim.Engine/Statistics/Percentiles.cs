using System.Buffers;
using System.Numerics;

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
/// fits in 2^16 buckets; count the keys per bucket. Because the key is exponent-then-mantissa, the buckets are
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
    private const int BucketBits = 16;
    private const int BucketCount = 1 << BucketBits;

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

        // Pass 1: key range.
        ulong kmin = ulong.MaxValue, kmax = 0;
        foreach (double v in values)
        {
            ulong k = Key(v);
            if (k < kmin) kmin = k;
            if (k > kmax) kmax = k;
        }

        if (kmin == kmax)
        {
            double c = values[0];
            destination[..levels.Length].Fill(c);
            return;
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

        int[] counts = ArrayPool<int>.Shared.Rent(BucketCount);
        try
        {
            Array.Clear(counts, 0, BucketCount);
            foreach (double v in values)
            {
                counts[(int)((Key(v) - kmin) >> shift)]++;
            }

            // Map each needed rank to (bucket, rank within the bucket).
            Span<int> rankBucket = stackalloc int[ranks.Length];
            Span<long> bucketStart = stackalloc long[ranks.Length];
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
            }

            // Gather the values of the distinct needed buckets, sorted per bucket.
            Span<int> distinct = stackalloc int[ranks.Length];
            int distinctCount = 0;
            foreach (int b in rankBucket)
            {
                if (distinct[..distinctCount].IndexOf(b) < 0)
                {
                    distinct[distinctCount++] = b;
                }
            }

            var gathered = new double[distinctCount][];
            var fill = new int[distinctCount];
            for (int d = 0; d < distinctCount; d++)
            {
                gathered[d] = new double[counts[distinct[d]]];
            }

            foreach (double v in values)
            {
                int b = (int)((Key(v) - kmin) >> shift);
                int d = distinct[..distinctCount].IndexOf(b);
                if (d >= 0)
                {
                    gathered[d][fill[d]++] = v;
                }
            }

            for (int d = 0; d < distinctCount; d++)
            {
                Array.Sort(gathered[d]);
            }

            Span<double> order = stackalloc double[ranks.Length];
            for (int r = 0; r < ranks.Length; r++)
            {
                int d = distinct[..distinctCount].IndexOf(rankBucket[r]);
                order[r] = gathered[d][ranks[r] - bucketStart[r]];
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

    /// <summary>Order-preserving map from double to ulong (total order for non-NaN values).</summary>
    private static ulong Key(double v)
    {
        ulong bits = (ulong)BitConverter.DoubleToInt64Bits(v);
        return (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;
    }
}
