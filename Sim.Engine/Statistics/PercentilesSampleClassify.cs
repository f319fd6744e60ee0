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
/// kept in byte counters, one byte per lane and slot. Both widths find ge = #(a[t] &lt;= key) in 0..7 by a three-step
/// binary search over the a's (padded with long.MaxValue to eight slots, which no number's key reaches) and test only
/// bracket ge − 1 for inside; cGe gets 1 &lt;&lt; 8·ge and cIn the same bit when the key is inside, so each value lands in
/// exactly one byte of cGe. AVX-512 (<see cref="Stage512"/>) reads each step's slot with an 8-slot vpermq; AVX2
/// (<see cref="Stage256"/>), which has none, picks the second step's pivot with a vpermilpd and from then on reads
/// four 64-bit slots by ge &gt;&gt; 1 with vpermd, blending the odd and the even slot by the last step's compare. The
/// vectors run in blocks of at most 255 (<see cref="BlockVectors"/>), and the counters are added up and cleared after
/// each block, before a byte can overflow. This limits the vector paths to m &lt;= 7 brackets (ge in 0..7; the default
/// seven levels give at most seven); more brackets run the scalar twin, and so do AVX2 columns with more than one
/// one-key bracket (AVX2 excludes the one from the store by a compare with its key).</para>
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

        AddGeCounts(geIn, counts, m);
        done = i;
        stagedCount = count;
        return fits;
    }

    /// <summary>
    /// The AVX2 pass: the search of <see cref="Stage512"/> without its 8-slot vpermq, which AVX2 lacks. Per lane
    /// (compares give all ones where true): lt1 = key &lt; a[3]; lt2 = key &lt; (lt1 ? a[1] : a[5]) (a vpermilpd by lt1,
    /// whose bit 1 picks the element of each 128-bit half); then k = ge &gt;&gt; 1 = 2·!lt1 + !lt2 is known, and every
    /// later table is four 64-bit slots that one vpermd reads by the index dwords 2k (low) and 2k + 1 (high) of each
    /// lane: lt3 = key &lt; a[2k], ge = 2k + !lt3. The inside bound b[ge − 1] + 1 (inside iff key &lt; it) is a blend by
    /// lt3 of two such reads (the bound of ge = 2k + 1 and of 2k); the counter bit 1 &lt;&lt; 8·ge is the read of
    /// 1 &lt;&lt; 8·(2k + 1), shifted right by 8 where lt3 is set. Bounds: long.MinValue for ge = 0 and the padded
    /// brackets (never inside); b = long.MaxValue stays long.MaxValue, which no number's key reaches. Counters as in
    /// Stage512. A one-key bracket is excluded from the store by
    /// key != its key (one at most; several send the column to the scalar twin). Remainder: the caller's scalar twin.
    /// </summary>
    private static bool Stage256(ReadOnlySpan<double> values, ReadOnlySpan<long> a, ReadOnlySpan<long> b,
        Span<long> counts, Span<double> staged, ref int done, ref int stagedCount)
    {
        int n = values.Length, m = a.Length, i = 0, count = stagedCount;
        int limit = staged.Length - Vector256<double>.Count;
        long oneKey = long.MaxValue; // the one key bracket, if any (long.MaxValue matches no key)
        int oneKeys = 0;
        for (int t = 0; t < m; t++)
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

        Span<long> a8 = stackalloc long[8], pivot = stackalloc long[4], upperEven = stackalloc long[4],
            upperOdd = stackalloc long[4], bitOdd = stackalloc long[4];
        a8.Fill(long.MaxValue);
        a.CopyTo(a8);
        for (int k = 0; k < 4; k++)
        {
            pivot[k] = a8[2 * k];
            upperEven[k] = InsideBound(b, 2 * k);
            upperOdd[k] = InsideBound(b, 2 * k + 1);
            bitOdd[k] = 1L << (16 * k + 8);
        }

        var tables = new Tables256
        {
            A3 = Vector256.Create(a8[3]),
            A51 = Vector256.Create(a8[5], a8[1], a8[5], a8[1]).AsDouble(),
            Slots32 = Vector256.Create(6L | (7L << 32), 4L | (5L << 32), 6L | (7L << 32), 4L | (5L << 32)).AsDouble(),
            Pivot = Vector256.Create((ReadOnlySpan<long>)pivot).AsInt32(),
            UpperEven = Vector256.Create((ReadOnlySpan<long>)upperEven).AsInt32(),
            UpperOdd = Vector256.Create((ReadOnlySpan<long>)upperOdd).AsInt32(),
            BitOdd = Vector256.Create((ReadOnlySpan<long>)bitOdd).AsInt32(),
            OneKey = Vector256.Create(oneKey),
        };
        Span<long> geIn = stackalloc long[16]; // [g]: keys with ge = g; [8 + g]: those of them inside bracket g − 1
        geIn.Clear();
        ref long bits0 = ref Unsafe.As<double, long>(ref MemoryMarshal.GetReference(values));
        ref double st0 = ref MemoryMarshal.GetReference(staged);
        ref Vector256<int> pack0 = ref MemoryMarshal.GetArrayDataReference(PackTable256);
        bool fits = true;
        while (i <= n - Vector256<long>.Count)
        {
            if (count > limit)
            {
                fits = false;
                break;
            }

            int vectors = BlockVectors(n - i, limit - count, Vector256<long>.Count);
            count = Block256(tables, ref pack0, ref bits0, i, vectors, ref st0, count, geIn);
            i += vectors * Vector256<long>.Count;
        }

        AddGeCounts(geIn, counts, m);
        done = i;
        stagedCount = count;
        return fits;
    }

    /// <summary>Stage256's constants: the a's of the first two steps, the vpermilpd and vpermd tables.</summary>
    private struct Tables256
    {
        /// <summary>a[3] in every lane (step 1).</summary>
        public Vector256<long> A3;

        /// <summary>a[5], a[1] in each 128-bit half: vpermilpd by lt1 reads a[1] where it is set, else a[5] (step 2).</summary>
        public Vector256<double> A51;

        /// <summary>The vpermd index dwords of slots 3 and 2 in each half (2k low, 2k + 1 high): vpermilpd by lt2
        /// reads slot 2 where it is set, else 3; a set lt1 then subtracts 2 (4 from each dword).</summary>
        public Vector256<double> Slots32;

        /// <summary>Slot k: a[2k] (step 3).</summary>
        public Vector256<int> Pivot;

        /// <summary>Slot k: the inside bound of ge = 2k and of ge = 2k + 1 (<see cref="InsideBound"/>).</summary>
        public Vector256<int> UpperEven, UpperOdd;

        /// <summary>Slot k: the counter bit of ge = 2k + 1, 1 &lt;&lt; (16k + 8); shifted right by 8, that of ge = 2k.</summary>
        public Vector256<int> BitOdd;

        /// <summary>The one-key bracket's key (long.MaxValue, no number's key, if none) in every lane.</summary>
        public Vector256<long> OneKey;
    }

    /// <summary>
    /// One block of Stage256 (at most 255 vectors, <see cref="BlockVectors"/>) from value <paramref name="i"/>: counts
    /// into <paramref name="geIn"/>, stages from <paramref name="count"/>, returns the new count. A method of its own,
    /// with no call and no static access (the pack table comes as <paramref name="pack0"/>), so that the JIT keeps its
    /// constants and counters in the sixteen ymm registers: across a call (a class-initialization check is one) every
    /// ymm register is lost, and then it kept them on the stack, a store-to-load chain in every iteration.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Block256(in Tables256 tables, ref Vector256<int> pack0, ref long bits0, int i, int vectors,
        ref double st0, int count, Span<long> geIn)
    {
        var a3 = tables.A3;
        var a51 = tables.A51;
        var slots32 = tables.Slots32;
        var pivotTable = tables.Pivot;
        var upperEvenTable = tables.UpperEven;
        var upperOddTable = tables.UpperOdd;
        var bitOddTable = tables.BitOdd;
        var oneKey = tables.OneKey;
        var cGe = Vector256<ulong>.Zero;
        var cIn = Vector256<ulong>.Zero;
        int end = i + vectors * Vector256<long>.Count;
        for (; i < end; i += Vector256<long>.Count)
        {
            var bits = Vector256.LoadUnsafe(ref bits0, (nuint)i);
            var key = bits ^ Vector256.ShiftRightLogical(Vector256.GreaterThan(Vector256<long>.Zero, bits), 1);
            var lt1 = Vector256.GreaterThan(a3, key);
            var lt2 = Vector256.GreaterThan(Avx.PermuteVar(a51, lt1).AsInt64(), key);
            var index = Avx.PermuteVar(slots32, lt2).AsInt32() + (lt1.AsInt32() << 2);
            var lt3 = Vector256.GreaterThan(Avx2.PermuteVar8x32(pivotTable, index).AsInt64(), key);
            var bound = Avx2.BlendVariable(Avx2.PermuteVar8x32(upperOddTable, index),
                Avx2.PermuteVar8x32(upperEvenTable, index), lt3.AsInt32()).AsInt64();
            var bitOdd = Avx2.PermuteVar8x32(bitOddTable, index).AsUInt64();
            var bit = Avx2.BlendVariable(bitOdd, Vector256.ShiftRightLogical(bitOdd, 8), lt3.AsUInt64());
            var inside = Vector256.GreaterThan(bound, key);
            cGe += bit;
            cIn += bit & inside.AsUInt64();

            // Stored unconditionally, as in Stage512.
            uint mask = Vector256.AndNot(inside, Vector256.Equals(key, oneKey)).ExtractMostSignificantBits();
            Avx2.PermuteVar8x32(bits.AsInt32(), Unsafe.Add(ref pack0, (int)mask)).AsDouble().StoreUnsafe(ref st0, (nuint)count);
            count += BitOperations.PopCount(mask);
        }

        FlushCounts(cGe, cIn, geIn);
        return count;
    }

    /// <summary>Stage256's inside bound of ge = g: key &lt; it iff key &lt;= b[g − 1]; long.MinValue (never inside)
    /// for g = 0 and the padded brackets.</summary>
    private static long InsideBound(ReadOnlySpan<long> b, int g) =>
        g == 0 || g > b.Length ? long.MinValue : b[g - 1] == long.MaxValue ? long.MaxValue : b[g - 1] + 1;

    /// <summary>The counts by position from the counts by ge (<paramref name="geIn"/>[g]) and inside
    /// (<paramref name="geIn"/>[8 + g]): count[2g − 1] is the inside count of ge = g and count[2g] the rest.</summary>
    private static void AddGeCounts(ReadOnlySpan<long> geIn, Span<long> counts, int m)
    {
        counts[0] += geIn[0];
        for (int g = 1; g <= m; g++)
        {
            counts[2 * g - 1] += geIn[8 + g];
            counts[2 * g] += geIn[g] - geIn[8 + g];
        }
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
