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
/// The one pass of <see cref="SampleSelect"/> (lane layout and remainder handling: see the remarks on
/// <c>PercentilesSampleSelect.cs</c>): the AVX-512 and AVX2 classifiers and their scalar twin.
/// </summary>
public static partial class Percentiles
{
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
}
