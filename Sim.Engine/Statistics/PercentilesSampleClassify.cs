using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Sim.Engine.Simd;

namespace Sim.Engine.Statistics;

/// <summary>
/// The one pass of <see cref="SampleSelect"/>: the AVX-512 and AVX2 classifiers and their scalar twin.
/// </summary>
/// <remarks>
/// <para>Definition (the scalar twin): for sorted disjoint brackets a[0] &lt;= b[0] &lt; a[1] &lt;= b[1] &lt; ... of keys,
/// the position of a key is pos = #{t : a[t] &lt;= key} + #{t : b[t] &lt; key}, in 0..2m. An odd pos 2t + 1 means the key
/// is inside bracket t; an even pos 2t means it lies below bracket t (above bracket t − 1). The pass counts the keys per
/// position and appends the values with an odd position to one staging buffer, in index order, except those of one-key
/// brackets (a[t] == b[t]): their values are all the same number, so counting them is enough. No per-bracket buffers
/// and no second scatter pass: the brackets are disjoint key ranges in order, so the j-th smallest staged value of
/// bracket t is the (staged values of brackets before t + j)-th smallest of the whole buffer.</para>
/// <para>Lane layout: lane i of a vector = value i of the vector (8 with AVX-512, 4 with AVX2), all 64-bit. Counts are
/// kept in byte counters, one byte per lane and slot. AVX2: c0 gets 1 &lt;&lt; 8·pos (positions 0..7), c1 gets
/// 1 &lt;&lt; 8·(pos − 8) (positions 8..15), by a variable shift that yields 0 when the count is out of 0..63, so each
/// value lands in exactly one byte. AVX-512 (<see cref="Stage512"/>): ge = #(a[t] &lt;= key) in 0..7 by a binary
/// search, cGe gets 1 &lt;&lt; 8·ge and cIn the same bit when the key is inside bracket ge − 1. The vectors run in
/// blocks of at most 255 (<see cref="BlockVectors"/>), and the counters are added up and cleared after each block,
/// before a byte can overflow. This limits the vector paths to m &lt;= 7 brackets (15 positions; the default seven
/// levels give at most seven); more brackets run the scalar twin.</para>
/// <para>Packing: AVX-512 vcompresspd (register form, then a plain store: the memory form is slow on some cores);
/// AVX2 a vpermd by a 16-entry table indexed by the 4-bit store mask, which moves the stored lanes to the front in
/// lane order. Both store a whole vector and advance by the number of stored lanes, so the buffer needs one vector of
/// slack; the pass stops with false at the first vector that would start past the buffer's end less that slack (a
/// block is cut short so no vector inside it can).</para>
/// <para>Remainder: the last n mod width values (and any width the hardware does not accelerate) run the scalar
/// twin from where the vector loop stopped. Counting and index-ordered packing are exact integer operations, so every
/// width gives the same counts and the same staged values in the same order.</para>
/// </remarks>
public static partial class Percentiles
{
    /// <summary>
    /// The pass: <paramref name="below"/>[t] = how many values have a key &lt; a[t], <paramref name="filled"/>[t] = how
    /// many have a[t] &lt;= key &lt;= b[t]; the values inside a bracket with a[t] &lt; b[t] are copied to
    /// <paramref name="staged"/> in index order (<paramref name="stagedCount"/> of them). The brackets must be sorted and
    /// disjoint (b[t] &lt; a[t + 1]). False when <paramref name="staged"/> is too small (the counts are then incomplete);
    /// the vector paths need one vector (8 values) of room beyond what they keep.
    /// </summary>
    internal static bool ClassifyStaged(ReadOnlySpan<double> values, ReadOnlySpan<long> a, ReadOnlySpan<long> b,
        Span<long> below, Span<int> filled, Span<double> staged, out int stagedCount, SimdWidth width)
    {
        int m = a.Length;
        Span<long> counts = stackalloc long[2 * m + 1];
        counts.Clear();
        int done = 0;
        stagedCount = 0;
        bool fits = true;
        if (m <= MaxVectorBrackets)
        {
            var resolved = SimdWidths.Resolve(width);
            if (resolved == SimdWidth.Vector512 && Avx512F.IsSupported)
            {
                fits = Stage512(values, a, b, counts, staged, ref done, ref stagedCount);
            }
            else if (resolved != SimdWidth.Scalar && Avx2.IsSupported)
            {
                fits = Stage256(values, a, b, counts, staged, ref done, ref stagedCount);
            }
        }

        fits = fits && StageScalar(values, done, a, b, counts, staged, ref stagedCount);
        long cumulative = 0;
        for (int t = 0; t < m; t++)
        {
            cumulative += counts[2 * t];
            below[t] = cumulative;
            filled[t] = (int)counts[2 * t + 1];
            cumulative += counts[2 * t + 1];
        }

        return fits;
    }

    /// <summary>The most brackets the vector paths take: 2m + 1 positions in two 8-byte lane counters.</summary>
    private const int MaxVectorBrackets = 7;

    /// <summary>The scalar twin (the definition), from <paramref name="start"/> to the end.</summary>
    private static bool StageScalar(ReadOnlySpan<double> values, int start, ReadOnlySpan<long> a, ReadOnlySpan<long> b,
        Span<long> counts, Span<double> staged, ref int stagedCount)
    {
        int m = a.Length;
        for (int i = start; i < values.Length; i++)
        {
            long k = SignedKey(values[i]);
            int pos = 0;
            for (int t = 0; t < m; t++)
            {
                pos += (a[t] <= k ? 1 : 0) + (b[t] < k ? 1 : 0);
            }

            counts[pos]++;
            if ((pos & 1) != 0 && a[pos >> 1] != b[pos >> 1])
            {
                if (stagedCount >= staged.Length)
                {
                    return false;
                }

                staged[stagedCount++] = values[i];
            }
        }

        return true;
    }

    /// <summary>
    /// The vector paths always test seven brackets: a[t], b[t] for t &lt; m, then empty ones at the top,
    /// a = b = long.MaxValue (the key of a NaN, never of a number), which no key reaches, so they add nothing to any
    /// position. The fixed count lets the loops be written out with every bracket in a register.
    /// </summary>
    private static void PadBrackets(ReadOnlySpan<long> a, ReadOnlySpan<long> b, Span<long> a7, Span<long> b7, Span<long> store7)
    {
        a7.Fill(long.MaxValue);
        b7.Fill(long.MaxValue);
        store7.Clear();
        a.CopyTo(a7);
        b.CopyTo(b7);
        for (int t = 0; t < a.Length; t++)
        {
            store7[t] = a[t] == b[t] ? 0 : -1; // all ones: bracket t stores its values; a one-key bracket only counts
        }
    }

    /// <summary>
    /// The AVX-512 pass. Per lane: ge = #(a[t] &lt;= key) in 0..7 by a three-step binary search over the a's (padded
    /// with long.MaxValue to eight slots, which no key reaches; a vpermq reads the slot each step compares with);
    /// the key is inside bracket ge − 1 iff key &lt;= b[ge − 1] (one more vpermq, slot 0 holding long.MinValue). Two
    /// byte counters: cGe gets 1 &lt;&lt; 8·ge, cIn the same bit where the key is inside; at the end count[2g − 1] is
    /// the inside count of ge = g and count[2g] the rest of ge = g.
    /// </summary>
    private static bool Stage512(ReadOnlySpan<double> values, ReadOnlySpan<long> a, ReadOnlySpan<long> b,
        Span<long> counts, Span<double> staged, ref int done, ref int stagedCount)
    {
        int n = values.Length, m = a.Length, i = 0, count = stagedCount;
        int limit = staged.Length - Vector512<double>.Count;
        Span<long> a8 = stackalloc long[8], aNext = stackalloc long[8], upper = stackalloc long[8], store8 = stackalloc long[8];
        a8.Fill(long.MaxValue);
        a.CopyTo(a8);
        for (int g = 0; g < 8; g++)
        {
            aNext[g] = g < 7 ? a8[g + 1] : long.MaxValue;
            upper[g] = g >= 1 && g - 1 < m ? b[g - 1] : long.MinValue; // ge = 0 (below every bracket) is never inside
            store8[g] = g >= 1 && g - 1 < m && a[g - 1] != b[g - 1] ? -1 : 0; // a one-key bracket only counts
        }

        var aTable = Vector512.Create((ReadOnlySpan<long>)a8);
        var aNextTable = Vector512.Create((ReadOnlySpan<long>)aNext);
        var upperTable = Vector512.Create((ReadOnlySpan<long>)upper);
        var storeTable = Vector512.Create((ReadOnlySpan<long>)store8);
        var a3 = Vector512.Create(a8[3]);
        var four = Vector512.Create(4L);
        var two = Vector512.Create(2L);
        var one = Vector512.Create(1UL);
        var cGe = Vector512<ulong>.Zero;
        var cIn = Vector512<ulong>.Zero;
        Span<long> geIn = stackalloc long[16]; // [g]: keys with ge = g; [8 + g]: those of them inside bracket g − 1
        geIn.Clear();
        ref long bits0 = ref Unsafe.As<double, long>(ref MemoryMarshal.GetReference(values));
        ref double value0 = ref MemoryMarshal.GetReference(values);
        ref double st0 = ref MemoryMarshal.GetReference(staged);
        bool fits = true;
        // Blocks of vectors (BlockVectors: no byte counter can overflow, no store can pass the buffer), flushed
        // between blocks: the inner loop has no call and no test but its end, so the JIT keeps the tables, counters
        // and indices in registers.
        while (i <= n - Vector512<long>.Count)
        {
            if (count > limit)
            {
                fits = false;
                break;
            }

            int blockEnd = i + BlockVectors(n - i, limit - count, Vector512<long>.Count) * Vector512<long>.Count;
            for (; i < blockEnd; i += Vector512<long>.Count)
            {
                var bits = Vector512.LoadUnsafe(ref bits0, (nuint)i);
                var key = bits ^ Vector512.ShiftRightLogical(Vector512.ShiftRightArithmetic(bits, 63), 1);
                // Binary search: a8[3] decides 0 or 4, then a8[ge + 1] adds 2, then a8[ge] adds 1 (the compare gives −1).
                var ge = Vector512.GreaterThanOrEqual(key, a3) & four;
                ge += Vector512.GreaterThanOrEqual(key, Avx512F.PermuteVar8x64(aNextTable, ge)) & two;
                ge -= Vector512.GreaterThanOrEqual(key, Avx512F.PermuteVar8x64(aTable, ge));
                var inside = Vector512.LessThanOrEqual(key, Avx512F.PermuteVar8x64(upperTable, ge));
                var bit = Avx512F.ShiftLeftLogicalVariable(one, (ge << 3).AsUInt64());
                cGe += bit;
                cIn += bit & inside.AsUInt64();

                // Stored unconditionally (no branch to mispredict): with no lane to keep, count does not move and the
                // next store overwrites.
                var store = inside & Avx512F.PermuteVar8x64(storeTable, ge);
                var v = Vector512.LoadUnsafe(ref value0, (nuint)i);
                Avx512F.Compress(Vector512<double>.Zero, store.AsDouble(), v).StoreUnsafe(ref st0, (nuint)count);
                count += BitOperations.PopCount(store.ExtractMostSignificantBits());
            }

            FlushCounts(cGe, cIn, geIn);
            (cGe, cIn) = (default, default);
        }

        counts[0] += geIn[0];
        for (int g = 1; g <= m; g++)
        {
            counts[2 * g - 1] += geIn[8 + g];
            counts[2 * g] += geIn[g] - geIn[8 + g];
        }

        done = i;
        stagedCount = count;
        return fits;
    }

    private static bool Stage256(ReadOnlySpan<double> values, ReadOnlySpan<long> a, ReadOnlySpan<long> b,
        Span<long> counts, Span<double> staged, ref int done, ref int stagedCount)
    {
        int n = values.Length, i = 0, count = stagedCount;
        int limit = staged.Length - Vector256<double>.Count;
        Span<long> a7 = stackalloc long[7], b7 = stackalloc long[7], store7 = stackalloc long[7];
        PadBrackets(a, b, a7, b7, store7);
        // pos = Σ_t (key >= a[t]) + (key > b[t]) = 7 + Σ_t (key < a[t] ? −1 : 0) − Σ_t (key > b[t] ? −1 : 0): AVX2 has
        // no 8-slot 64-bit permute, so the b's are compared too. A one-key bracket t is excluded by key != a[t].
        Vector256<long> a0 = Vector256.Create(a7[0]), a1 = Vector256.Create(a7[1]), a2 = Vector256.Create(a7[2]),
            a3 = Vector256.Create(a7[3]), a4 = Vector256.Create(a7[4]), a5 = Vector256.Create(a7[5]), a6 = Vector256.Create(a7[6]);
        Vector256<long> b0 = Vector256.Create(b7[0]), b1 = Vector256.Create(b7[1]), b2 = Vector256.Create(b7[2]),
            b3 = Vector256.Create(b7[3]), b4 = Vector256.Create(b7[4]), b5 = Vector256.Create(b7[5]), b6 = Vector256.Create(b7[6]);
        long oneKey = long.MaxValue; // the one key bracket, if any (long.MaxValue matches no key)
        int oneKeys = 0;
        for (int t = 0; t < a.Length; t++)
        {
            if (a[t] == b[t])
            {
                oneKey = a[t];
                oneKeys++;
            }
        }

        if (oneKeys > 1)
        {
            return true; // rare: several one-key brackets; the scalar twin does the whole column
        }

        var oneKeyVector = Vector256.Create(oneKey);
        var seven = Vector256.Create(7L);
        var oneL = Vector256.Create(1L);
        var one = Vector256.Create(1UL);
        var sixtyFour = Vector256.Create(64UL);
        var c0 = Vector256<ulong>.Zero;
        var c1 = Vector256<ulong>.Zero;
        ref long bits0 = ref Unsafe.As<double, long>(ref MemoryMarshal.GetReference(values));
        ref double value0 = ref MemoryMarshal.GetReference(values);
        ref double st0 = ref MemoryMarshal.GetReference(staged);
        ref Vector256<int> pack0 = ref MemoryMarshal.GetArrayDataReference(PackTable256);
        bool fits = true;
        // Blocks flushed between them, as in Stage512.
        while (i <= n - Vector256<long>.Count)
        {
            if (count > limit)
            {
                fits = false;
                break;
            }

            int blockEnd = i + BlockVectors(n - i, limit - count, Vector256<long>.Count) * Vector256<long>.Count;
            for (; i < blockEnd; i += Vector256<long>.Count)
            {
                var bits = Vector256.LoadUnsafe(ref bits0, (nuint)i);
                var key = bits ^ Vector256.ShiftRightLogical(Vector256.ShiftRightArithmetic(bits, 63), 1);
                var lt = Vector256.LessThan(key, a0) + Vector256.LessThan(key, a1) + Vector256.LessThan(key, a2)
                    + Vector256.LessThan(key, a3) + Vector256.LessThan(key, a4) + Vector256.LessThan(key, a5)
                    + Vector256.LessThan(key, a6);
                var gt = Vector256.GreaterThan(key, b0) + Vector256.GreaterThan(key, b1) + Vector256.GreaterThan(key, b2)
                    + Vector256.GreaterThan(key, b3) + Vector256.GreaterThan(key, b4) + Vector256.GreaterThan(key, b5)
                    + Vector256.GreaterThan(key, b6);
                var pos = seven + lt - gt;
                var shift = (pos << 3).AsUInt64();
                c0 += Avx2.ShiftLeftLogicalVariable(one, shift);
                c1 += Avx2.ShiftLeftLogicalVariable(one, shift - sixtyFour);
                var store = Vector256.AndNot(Vector256.Equals(pos & oneL, oneL), Vector256.Equals(key, oneKeyVector));
                uint mask = store.ExtractMostSignificantBits(); // stored unconditionally, as in Stage512
                var v = Vector256.LoadUnsafe(ref value0, (nuint)i);
                Avx2.PermuteVar8x32(v.AsInt32(), Unsafe.Add(ref pack0, (int)mask)).AsDouble().StoreUnsafe(ref st0, (nuint)count);
                count += BitOperations.PopCount(mask);
            }

            FlushCounts(c0, c1, counts);
            (c0, c1) = (default, default);
        }

        done = i;
        stagedCount = count;
        return fits;
    }

    /// <summary>
    /// How many vectors of <paramref name="width"/> values the next block runs: at most 255 (the byte counters are
    /// flushed after each block, before a byte can overflow), at most the whole vectors left in
    /// <paramref name="remaining"/> values, and few enough that every store starts at or below the limit: a vector
    /// keeps at most width values, so from <paramref name="room"/> = limit − count &gt;= 0, room / width + 1 vectors.
    /// The pass then stops at the first vector that starts above the limit, as a test per vector would.
    /// </summary>
    private static int BlockVectors(int remaining, int room, int width) =>
        Math.Min(255, Math.Min(remaining / width, room / width + 1));

    /// <summary>vpermd indices per 4-bit store mask: the 32-bit halves of the stored lanes first, in lane order.</summary>
    private static readonly Vector256<int>[] PackTable256 = BuildPackTable256();

    private static Vector256<int>[] BuildPackTable256()
    {
        var table = new Vector256<int>[16];
        Span<int> idx = stackalloc int[8];
        for (int mask = 0; mask < 16; mask++)
        {
            idx.Clear();
            int k = 0;
            for (int lane = 0; lane < 4; lane++)
            {
                if ((mask & (1 << lane)) != 0)
                {
                    idx[2 * k] = 2 * lane;
                    idx[2 * k + 1] = 2 * lane + 1;
                    k++;
                }
            }

            table[mask] = Vector256.Create((ReadOnlySpan<int>)idx);
        }

        return table;
    }

    /// <summary>Adds byte j of every lane of c0 (c1) to counts[j] (counts[8 + j]): the two 256-bit halves in turn
    /// (integer sums, so the order does not matter).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FlushCounts(Vector512<ulong> c0, Vector512<ulong> c1, Span<long> counts)
    {
        FlushCounts(c0.GetLower(), c1.GetLower(), counts);
        FlushCounts(c0.GetUpper(), c1.GetUpper(), counts);
    }

    /// <summary>Adds byte j of every lane of c0 (c1) to counts[j] (counts[8 + j]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FlushCounts(Vector256<ulong> c0, Vector256<ulong> c1, Span<long> counts)
    {
        var mask = Vector256.Create(0xFFUL);
        for (int j = 0; j < 8; j++)
        {
            if (j < counts.Length)
            {
                counts[j] += (long)Vector256.Sum(Vector256.ShiftRightLogical(c0, 8 * j) & mask);
            }

            if (8 + j < counts.Length)
            {
                counts[8 + j] += (long)Vector256.Sum(Vector256.ShiftRightLogical(c1, 8 * j) & mask);
            }
        }
    }

    /// <summary>
    /// The per-bracket view of <see cref="ClassifyStaged"/>, for the tests that check the pass against its definition:
    /// gather[t] receives the values inside bracket t in index order (a one-key bracket only its number, in slot 0).
    /// False when a buffer was too small.
    /// </summary>
    internal static bool Classify(ReadOnlySpan<double> values, ReadOnlySpan<long> a, ReadOnlySpan<long> b,
        Span<long> below, double[][] gather, Span<int> filled, SimdWidth width)
    {
        double[] staged = new double[values.Length + 8];
        bool fits = ClassifyStaged(values, a, b, below, filled, staged, out int count, width);
        Span<int> fill = stackalloc int[a.Length];
        fill.Clear();
        foreach (double v in staged.AsSpan(0, count))
        {
            long k = SignedKey(v);
            int t = 0;
            while (b[t] < k)
            {
                t++;
            }

            if (fill[t] >= gather[t].Length)
            {
                return false;
            }

            gather[t][fill[t]++] = v;
        }

        for (int t = 0; t < a.Length; t++)
        {
            if (a[t] == b[t] && filled[t] > 0)
            {
                gather[t][0] = FromSignedKey(a[t]);
            }
        }

        return fits;
    }
}
