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

    /// <summary>
    /// The pass: <paramref name="below"/>[t] = how many values have a key &lt; a[t]; the values with a[t] &lt;= key
    /// &lt;= b[t] are appended to gather[t] in index order (a one-key bracket, a[t] == b[t], keeps only its first
    /// value and counts the rest), <paramref name="filled"/>[t] = how many there are. The brackets must be sorted
    /// and disjoint (b[t] &lt; a[t + 1]). False when a buffer was too small (the counts are then incomplete).
    /// </summary>
    internal static bool Classify(ReadOnlySpan<double> values, ReadOnlySpan<long> a, ReadOnlySpan<long> b,
        Span<long> below, double[][] gather, Span<int> filled, SimdWidth width)
    {
        below.Clear();
        filled.Clear();
        bool fits = true;
        int done = SimdWidths.Resolve(width) switch
        {
            SimdWidth.Vector512 => Classify512(values, a, b, below, gather, filled, ref fits),
            SimdWidth.Vector256 => Classify256(values, a, b, below, gather, filled, ref fits),
            _ => 0,
        };
        ClassifyScalar(values, done, a, b, below, gather, filled, ref fits);
        return fits;
    }

    private static void ClassifyScalar(ReadOnlySpan<double> values, int start, ReadOnlySpan<long> a,
        ReadOnlySpan<long> b, Span<long> below, double[][] gather, Span<int> filled, ref bool fits)
    {
        int m = a.Length;
        for (int i = start; i < values.Length; i++)
        {
            long k = SignedKey(values[i]);
            int ge = 0, gt = 0;
            for (int t = 0; t < m; t++)
            {
                int lt = k < a[t] ? 1 : 0;
                below[t] += lt;
                ge += 1 - lt;
                gt += k > b[t] ? 1 : 0;
            }

            if (ge != gt)
            {
                Append(values[i], ge - 1, a, b, gather, filled, ref fits);
            }
        }
    }

    private static int Classify512(ReadOnlySpan<double> values, ReadOnlySpan<long> a, ReadOnlySpan<long> b,
        Span<long> below, double[][] gather, Span<int> filled, ref bool fits)
    {
        if (Avx512F.IsSupported && a.Length <= 7)
        {
            return Classify512Compress(values, a, b, below, gather, filled, ref fits);
        }

        int m = a.Length, n = values.Length, i = 0;
        Span<Vector512<long>> acc = stackalloc Vector512<long>[m];
        acc.Clear();
        var insideSum = Vector512.Create((long)(1 - m));
        ref long bits0 = ref Unsafe.As<double, long>(ref MemoryMarshal.GetReference(values));
        Span<long> lanes = stackalloc long[Vector512<long>.Count];
        for (; i <= n - Vector512<long>.Count; i += Vector512<long>.Count)
        {
            var bits = Vector512.LoadUnsafe(ref bits0, (nuint)i);
            var key = bits ^ Vector512.ShiftRightLogical(Vector512.ShiftRightArithmetic(bits, 63), 1);
            var lsum = Vector512<long>.Zero;
            var gsum = Vector512<long>.Zero;
            for (int t = 0; t < m; t++)
            {
                var lt = Vector512.LessThan(key, Vector512.Create(a[t]));
                acc[t] += lt;
                lsum += lt;
                gsum += Vector512.GreaterThan(key, Vector512.Create(b[t]));
            }

            // lsum = −#(key < a), gsum = −#(key > b): inside a bracket iff m + lsum + gsum == 1.
            ulong inside = Vector512.Equals(lsum + gsum, insideSum).ExtractMostSignificantBits();
            if (inside != 0)
            {
                lsum.StoreUnsafe(ref lanes[0]);
                while (inside != 0)
                {
                    int lane = BitOperations.TrailingZeroCount(inside);
                    inside &= inside - 1;
                    Append(values[i + lane], m + (int)lanes[lane] - 1, a, b, gather, filled, ref fits);
                }
            }
        }

        for (int t = 0; t < m; t++)
        {
            below[t] -= Vector512.Sum(acc[t]);
        }

        return i;
    }

    /// <summary>
    /// <see cref="Classify512"/> for up to 7 brackets (the default 7 levels), with the inside lanes packed by vcompresspd/vpcompressq (register form, then a plain
    /// store: the memory form is slow on some cores) into one staging buffer of values and bracket numbers, in index
    /// order; a short second loop over the staged values (a fifth of the input at most, in cache) hands them to
    /// their brackets through the same <see cref="Append"/> as the scalar twin, so the result is identical.
    /// </summary>
    private static int Classify512Compress(ReadOnlySpan<double> values, ReadOnlySpan<long> a, ReadOnlySpan<long> b,
        Span<long> below, double[][] gather, Span<int> filled, ref bool fits)
    {
        int m = a.Length, n = values.Length, i = 0;
        const int Chunk = 4096;
        double[] stagedValues = ArrayPool<double>.Shared.Rent(Chunk + 8);
        long[] stagedBrackets = ArrayPool<long>.Shared.Rent(Chunk + 8);
        try
        {
            // Lane layout: lane j = value i + j. ge = #(a[t] <= key) in 0..m (m <= 7); the lane is inside bracket
            // ge − 1 iff key <= b[ge − 1], read with one vpermq from a vector of the b's whose slot 7 (ge = 0)
            // holds long.MinValue. The counts per ge are bytes of a per-lane counter (1 << 8·ge added per value),
            // emptied every 255 vectors before a byte can overflow; below[t] = #(ge <= t).
            Span<long> bPadded = stackalloc long[8];
            bPadded.Fill(long.MinValue);
            b.CopyTo(bPadded);
            var bVector = Vector512.Create((ReadOnlySpan<long>)bPadded);
            Span<Vector512<long>> aSplat = stackalloc Vector512<long>[m];
            for (int t = 0; t < m; t++)
            {
                aSplat[t] = Vector512.Create(a[t]);
            }

            var mVector = Vector512.Create((long)m);
            var minusOne = Vector512.Create(-1L);
            var one = Vector512.Create(1UL);
            Span<long> perGe = stackalloc long[8];
            perGe.Clear();
            var bytes = Vector512<ulong>.Zero;
            int sinceFlush = 0;
            ref long bits0 = ref Unsafe.As<double, long>(ref MemoryMarshal.GetReference(values));
            ref double value0 = ref MemoryMarshal.GetReference(values);
            ref double sv0 = ref MemoryMarshal.GetArrayDataReference(stagedValues);
            ref long sb0 = ref MemoryMarshal.GetArrayDataReference(stagedBrackets);
            ref Vector512<long> a0 = ref MemoryMarshal.GetReference(aSplat);
            int staged = 0;
            for (; i <= n - Vector512<long>.Count; i += Vector512<long>.Count)
            {
                var bits = Vector512.LoadUnsafe(ref bits0, (nuint)i);
                var key = bits ^ Vector512.ShiftRightLogical(Vector512.ShiftRightArithmetic(bits, 63), 1);
                var lsum = Vector512<long>.Zero;
                for (int t = 0; t < m; t++)
                {
                    lsum += Vector512.LessThan(key, Unsafe.Add(ref a0, t));
                }

                var ge = mVector + lsum;
                var bracket = ge + minusOne;
                bytes += Avx512F.ShiftLeftLogicalVariable(one, (ge << 3).AsUInt64());
                if (++sinceFlush == 255)
                {
                    Flush(ref bytes, perGe);
                    sinceFlush = 0;
                }

                var inside = Vector512.LessThanOrEqual(key, Avx512F.PermuteVar8x64(bVector, bracket));
                if (inside != Vector512<long>.Zero)
                {
                    var v = Vector512.LoadUnsafe(ref value0, (nuint)i);
                    Avx512F.Compress(Vector512<double>.Zero, inside.AsDouble(), v).StoreUnsafe(ref sv0, (nuint)staged);
                    Avx512F.Compress(Vector512<long>.Zero, inside, bracket).StoreUnsafe(ref sb0, (nuint)staged);
                    staged += BitOperations.PopCount(inside.ExtractMostSignificantBits());
                    if (staged >= Chunk)
                    {
                        Drain(stagedValues, stagedBrackets, staged, a, b, gather, filled, ref fits);
                        staged = 0;
                    }
                }
            }

            Flush(ref bytes, perGe);
            long cumulative = 0;
            for (int t = 0; t < m; t++)
            {
                cumulative += perGe[t];
                below[t] += cumulative;
            }

            Drain(stagedValues, stagedBrackets, staged, a, b, gather, filled, ref fits);
            return i;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(stagedValues);
            ArrayPool<long>.Shared.Return(stagedBrackets);
        }
    }

    /// <summary>Adds the eight byte counters of every lane to <paramref name="perGe"/> and clears them.</summary>
    private static void Flush(ref Vector512<ulong> bytes, Span<long> perGe)
    {
        var mask = Vector512.Create(0xFFUL);
        for (int j = 0; j < 8; j++)
        {
            perGe[j] += (long)Vector512.Sum(Vector512.ShiftRightLogical(bytes, 8 * j) & mask);
        }

        bytes = Vector512<ulong>.Zero;
    }

    private static void Drain(double[] stagedValues, long[] stagedBrackets, int count, ReadOnlySpan<long> a,
        ReadOnlySpan<long> b, double[][] gather, Span<int> filled, ref bool fits)
    {
        // Fast path when every bracket that stores values has room for the whole chunk: no per-value checks. A
        // one-key bracket rewrites its slot 0 with the same number (step 0) after its first value.
        int m = a.Length;
        bool room = true;
        for (int t = 0; t < m; t++)
        {
            room &= a[t] == b[t] || filled[t] + count <= gather[t].Length;
        }

        if (!room)
        {
            for (int j = 0; j < count; j++)
            {
                Append(stagedValues[j], (int)stagedBrackets[j], a, b, gather, filled, ref fits);
            }

            return;
        }

        Span<int> position = stackalloc int[m];
        Span<int> step = stackalloc int[m];
        for (int t = 0; t < m; t++)
        {
            position[t] = a[t] == b[t] ? 0 : filled[t];
            step[t] = a[t] == b[t] ? 0 : 1;
        }

        for (int j = 0; j < count; j++)
        {
            int t = (int)stagedBrackets[j];
            gather[t][position[t]] = stagedValues[j];
            position[t] += step[t];
            filled[t]++;
        }
    }

    private static int Classify256(ReadOnlySpan<double> values, ReadOnlySpan<long> a, ReadOnlySpan<long> b,
        Span<long> below, double[][] gather, Span<int> filled, ref bool fits)
    {
        int m = a.Length, n = values.Length, i = 0;
        Span<Vector256<long>> acc = stackalloc Vector256<long>[m];
        acc.Clear();
        var insideSum = Vector256.Create((long)(1 - m));
        ref long bits0 = ref Unsafe.As<double, long>(ref MemoryMarshal.GetReference(values));
        Span<long> lanes = stackalloc long[Vector256<long>.Count];
        for (; i <= n - Vector256<long>.Count; i += Vector256<long>.Count)
        {
            var bits = Vector256.LoadUnsafe(ref bits0, (nuint)i);
            var key = bits ^ Vector256.ShiftRightLogical(Vector256.ShiftRightArithmetic(bits, 63), 1);
            var lsum = Vector256<long>.Zero;
            var gsum = Vector256<long>.Zero;
            for (int t = 0; t < m; t++)
            {
                var lt = Vector256.LessThan(key, Vector256.Create(a[t]));
                acc[t] += lt;
                lsum += lt;
                gsum += Vector256.GreaterThan(key, Vector256.Create(b[t]));
            }

            ulong inside = Vector256.Equals(lsum + gsum, insideSum).ExtractMostSignificantBits();
            if (inside != 0)
            {
                lsum.StoreUnsafe(ref lanes[0]);
                while (inside != 0)
                {
                    int lane = BitOperations.TrailingZeroCount(inside);
                    inside &= inside - 1;
                    Append(values[i + lane], m + (int)lanes[lane] - 1, a, b, gather, filled, ref fits);
                }
            }
        }

        for (int t = 0; t < m; t++)
        {
            below[t] -= Vector256.Sum(acc[t]);
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Append(double v, int t, ReadOnlySpan<long> a, ReadOnlySpan<long> b, double[][] gather,
        Span<int> filled, ref bool fits)
    {
        int f = filled[t];
        if (a[t] == b[t])
        {
            if (f == 0)
            {
                gather[t][0] = v;
            }
        }
        else if (f < gather[t].Length)
        {
            gather[t][f] = v;
        }
        else
        {
            fits = false;
        }

        filled[t] = f + 1;
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
