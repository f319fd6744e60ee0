using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Sim.Engine.Simd;

namespace Sim.Engine.Statistics;

/// <summary>
/// The one-pass exact select (Floyd and Rivest's idea, "Expected time bounds for selection", CACM 1975): a sample
/// predicts a narrow bracket of values around each needed rank; one pass over the data counts the values below
/// every bracket and gathers the values inside them; the counts then prove (or refute) that each rank is inside its
/// bracket, and the rank is selected among the few gathered values. A refuted prediction falls back to
/// <see cref="HistogramSelect"/>, so the result is exact in every case; only the speed depends on the sample.
/// </summary>
/// <remarks>
/// <para>Keys: <see cref="SignedKey"/> maps a double to a long whose signed order is the numeric order, so a vector
/// compare of keys compares the values (−0 sorts just below +0; NaN is not supported, as in the sort it replaces).</para>
/// <para>The pass (<see cref="Classify"/>) runs over vectors of 8 (AVX-512) or 4 (AVX2) keys, lane i = value
/// i of the vector; per bracket t it accumulates the lanes' "key &lt; A_t" masks (the counts below) and sums
/// "key &gt; B_t"; a lane is inside a bracket exactly when the two sums differ by one, and such lanes are appended
/// one by one. The remainder (length not a multiple of the width) and the scalar width run the scalar twin, which
/// gives the same counts and the same gathered values in the same order.</para>
/// </remarks>
public static partial class Percentiles
{
    /// <summary>Below this many values the histogram select is used directly.</summary>
    internal const int SampleSelectThreshold = 1 << 16;

    /// <summary>Half-width of a bracket in standard deviations of the sample quantile (a miss costs a fallback).</summary>
    private const double BracketSigmas = 3.5;

    internal static bool SampleSelect(ReadOnlySpan<double> values, ReadOnlySpan<long> ranks, Span<double> result,
        SimdWidth width)
    {
        int n = values.Length;
        int s = Math.Clamp(n / 64, 1024, 8192);
        long[] sampleArray = ArrayPool<long>.Shared.Rent(s);
        double[][] gather = [];
        try
        {
            // An evenly spaced sample of the keys, sorted.
            var sample = sampleArray.AsSpan(0, s);
            for (int i = 0; i < s; i++)
            {
                sample[i] = SignedKey(values[(int)((long)i * n / s)]);
            }

            sample.Sort();
            if (sample[0] == sample[s - 1])
            {
                double min = TensorPrimitives.Min(values), max = TensorPrimitives.Max(values);
                if (SignedKey(min) == SignedKey(max))
                {
                    result[..ranks.Length].Fill(values[0]);
                    return true;
                }

                return false;
            }

            // A bracket [A, B] of keys per needed rank, sorted by A and merged where they overlap (ranks come in
            // pairs lo, lo + 1, whose brackets nearly coincide).
            Span<long> a = stackalloc long[ranks.Length];
            Span<long> b = stackalloc long[ranks.Length];
            Span<int> expected = stackalloc int[ranks.Length];
            for (int r = 0; r < ranks.Length; r++)
            {
                double q = n > 1 ? ranks[r] / (double)(n - 1) : 0;
                double centre = q * (s - 1), margin = BracketSigmas * Math.Sqrt(s * q * (1 - q)) + 2;
                int lo = (int)Math.Max(0, Math.Floor(centre - margin)), hi = (int)Math.Min(s - 1, Math.Ceiling(centre + margin));
                a[r] = lo == 0 ? long.MinValue : sample[lo];
                b[r] = hi == s - 1 ? long.MaxValue : sample[hi];
            }

            for (int r = 1; r < ranks.Length; r++)
            {
                for (int j = r; j > 0 && a[j] < a[j - 1]; j--)
                {
                    (a[j], a[j - 1]) = (a[j - 1], a[j]);
                    (b[j], b[j - 1]) = (b[j - 1], b[j]);
                }
            }

            int m = 0;
            for (int r = 0; r < ranks.Length; r++)
            {
                if (m > 0 && a[r] <= b[m - 1])
                {
                    b[m - 1] = Math.Max(b[m - 1], b[r]);
                }
                else
                {
                    a[m] = a[r];
                    b[m] = b[r];
                    m++;
                }
            }

            a = a[..m];
            b = b[..m];

            // Capacity of each bracket's buffer from the sample share it spans (ties counted whole), with room for
            // sampling error; a bracket of one key stores one value and only counts the rest.
            for (int t = 0; t < m; t++)
            {
                int first = a[t] == long.MinValue ? 0 : LowerBound(sample, a[t]);
                int last = b[t] == long.MaxValue ? s : UpperBound(sample, b[t]);
                expected[t] = a[t] == b[t] ? 1 : (int)Math.Min(n, (long)(last - first) * n / s * 5 / 4 + 2L * n / s + 256);
            }

            gather = new double[m][];
            for (int t = 0; t < m; t++)
            {
                gather[t] = ArrayPool<double>.Shared.Rent(expected[t]);
            }

            Span<long> below = stackalloc long[m];
            Span<int> filled = stackalloc int[m];
            if (!Classify(values, a, b, below, gather, filled, width))
            {
                return false;
            }

            // Every rank must lie inside a bracket: below[t] <= r < below[t] + filled[t].
            Span<int> bracket = stackalloc int[ranks.Length];
            for (int r = 0; r < ranks.Length; r++)
            {
                bracket[r] = -1;
                for (int t = 0; t < m; t++)
                {
                    if (below[t] <= ranks[r] && ranks[r] < below[t] + filled[t])
                    {
                        bracket[r] = t;
                    }
                }

                if (bracket[r] < 0)
                {
                    return false;
                }
            }

            Span<long> local = stackalloc long[ranks.Length];
            Span<double> found = stackalloc double[ranks.Length];
            for (int t = 0; t < m; t++)
            {
                int k = 0;
                for (int r = 0; r < ranks.Length; r++)
                {
                    if (bracket[r] == t)
                    {
                        local[k++] = ranks[r] - below[t];
                    }
                }

                if (k == 0)
                {
                    continue;
                }

                if (a[t] == b[t])
                {
                    found[..k].Fill(gather[t][0]); // every value of a one-key bracket is the same number
                }
                else
                {
                    HistogramSelect(gather[t].AsSpan(0, filled[t]), local[..k], found[..k]);
                }

                k = 0;
                for (int r = 0; r < ranks.Length; r++)
                {
                    if (bracket[r] == t)
                    {
                        result[r] = found[k++];
                    }
                }
            }

            return true;
        }
        finally
        {
            ArrayPool<long>.Shared.Return(sampleArray);
            foreach (var g in gather)
            {
                ArrayPool<double>.Shared.Return(g);
            }
        }
    }

    /// <summary>Order-preserving map from double to long (signed order = numeric order for non-NaN values):
    /// negatives have every bit but the sign flipped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long SignedKey(double v)
    {
        long bits = BitConverter.DoubleToInt64Bits(v);
        return bits ^ (long)((ulong)(bits >> 63) >> 1);
    }

    private static int LowerBound(ReadOnlySpan<long> sorted, long key)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < key)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static int UpperBound(ReadOnlySpan<long> sorted, long key)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= key)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
