using System.Runtime.CompilerServices;
using Sim.Engine.Simd;

namespace Sim.Engine.Random;

/// <summary>
/// Philox4x32-10 over vector lanes: lane i computes the generator for its own counter, with the same key in
/// every lane. Each 32-bit word lives in the low half of a 64-bit lane, so a Vector512 holds the words of eight
/// counters and one vpmuludq forms eight 32×32→64-bit products. The result equals <see cref="Philox4x32.Compute"/>
/// lane by lane (tested).
/// </summary>
/// <remarks>
/// <para>Inside the rounds the high half of a lane is not kept clear: a product's low word is carried as the whole
/// 64-bit product, and the XORs that build the next multiplicands pass that garbage into their high halves. Only
/// low halves are ever read, because <see cref="ILanes{TD, TU}.MulLow32"/> multiplies the low 32 bits of its
/// operands and a right shift by 32 of a product brings in zeros, so every low half equals the scalar word. The four
/// outputs are masked once at the end (4 ANDs instead of 20).</para>
/// <para>The ten rounds are written out so that the JIT emits straight-line code, without the register moves that
/// rotated the four words at the end of each iteration of a loop.</para>
/// </remarks>
public static class PhiloxLanes
{
    private const ulong Low32 = 0xFFFF_FFFFUL;

    /// <summary>Ten rounds on counters (c0, c1, c2, c3) under (key0, key1); only the low 32 bits of each input lane
    /// are read, and every output lane is below 2^32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Compute<L, TD, TU>(TU c0, TU c1, TU c2, TU c3, uint key0, uint key1,
        out TU r0, out TU r1, out TU r2, out TU r3)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        // Round r uses key (key0 + r·W0, key1 + r·W1) modulo 2^32 (the Weyl schedule of Philox4x32.Compute).
        Round<L, TD, TU>(ref c0, ref c1, ref c2, ref c3, key0, key1);
        Round<L, TD, TU>(ref c0, ref c1, ref c2, ref c3, unchecked(key0 + 1 * Philox4x32.W0), unchecked(key1 + 1 * Philox4x32.W1));
        Round<L, TD, TU>(ref c0, ref c1, ref c2, ref c3, unchecked(key0 + 2 * Philox4x32.W0), unchecked(key1 + 2 * Philox4x32.W1));
        Round<L, TD, TU>(ref c0, ref c1, ref c2, ref c3, unchecked(key0 + 3 * Philox4x32.W0), unchecked(key1 + 3 * Philox4x32.W1));
        Round<L, TD, TU>(ref c0, ref c1, ref c2, ref c3, unchecked(key0 + 4 * Philox4x32.W0), unchecked(key1 + 4 * Philox4x32.W1));
        Round<L, TD, TU>(ref c0, ref c1, ref c2, ref c3, unchecked(key0 + 5 * Philox4x32.W0), unchecked(key1 + 5 * Philox4x32.W1));
        Round<L, TD, TU>(ref c0, ref c1, ref c2, ref c3, unchecked(key0 + 6 * Philox4x32.W0), unchecked(key1 + 6 * Philox4x32.W1));
        Round<L, TD, TU>(ref c0, ref c1, ref c2, ref c3, unchecked(key0 + 7 * Philox4x32.W0), unchecked(key1 + 7 * Philox4x32.W1));
        Round<L, TD, TU>(ref c0, ref c1, ref c2, ref c3, unchecked(key0 + 8 * Philox4x32.W0), unchecked(key1 + 8 * Philox4x32.W1));
        Round<L, TD, TU>(ref c0, ref c1, ref c2, ref c3, unchecked(key0 + 9 * Philox4x32.W0), unchecked(key1 + 9 * Philox4x32.W1));

        // The output words are the low halves of the final lanes.
        TU low = L.SplatU(Low32);
        r0 = L.And(c0, low);
        r1 = L.And(c1, low);
        r2 = L.And(c2, low);
        r3 = L.And(c3, low);
    }

    /// <summary>One Philox round; the low 32 bits of each lane are the scalar round's words, the high bits are
    /// unspecified.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round<L, TD, TU>(ref TU c0, ref TU c1, ref TU c2, ref TU c3, uint key0, uint key1)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct => Round<L, TD, TU>(ref c0, ref c1, ref c2, ref c3, L.SplatU(key0), L.SplatU(key1));

    /// <summary>One Philox round with the round key already in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round<L, TD, TU>(ref TU c0, ref TU c1, ref TU c2, ref TU c3, TU key0, TU key1)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        TU p0 = L.MulLow32(c0, L.SplatU(Philox4x32.M0));
        TU p1 = L.MulLow32(c2, L.SplatU(Philox4x32.M1));
        c0 = L.Xor(L.Xor(L.ShiftRight(p1, 32), c1), key0);
        c2 = L.Xor(L.Xor(L.ShiftRight(p0, 32), c3), key1);
        c1 = p1;
        c3 = p0;
    }

    /// <summary>
    /// Two vectors of counters (a and b, in place) through the ten rounds side by side: the two dependency chains are
    /// interleaved instruction by instruction, so a core waiting on one vector's multiply has the other's work at
    /// hand. Each lane's result is that of <see cref="Compute{L, TD, TU}(TU, TU, TU, TU, uint, uint, out TU, out TU, out TU, out TU)"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void ComputeTwo<L, TD, TU>(ref TU a0, ref TU a1, ref TU a2, ref TU a3, ref TU b0, ref TU b1, ref TU b2,
        ref TU b3, in PhiloxRoundKeys<TU> keys)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        for (int round = 0; round < Philox4x32.Rounds; round++)
        {
            TU key0 = keys[2 * round], key1 = keys[2 * round + 1];
            TU m0 = L.SplatU(Philox4x32.M0), m1 = L.SplatU(Philox4x32.M1);
            TU pa0 = L.MulLow32(a0, m0);
            TU pb0 = L.MulLow32(b0, m0);
            TU pa1 = L.MulLow32(a2, m1);
            TU pb1 = L.MulLow32(b2, m1);
            a0 = L.Xor(L.Xor(L.ShiftRight(pa1, 32), a1), key0);
            b0 = L.Xor(L.Xor(L.ShiftRight(pb1, 32), b1), key0);
            a2 = L.Xor(L.Xor(L.ShiftRight(pa0, 32), a3), key1);
            b2 = L.Xor(L.Xor(L.ShiftRight(pb0, 32), b3), key1);
            a1 = pa1;
            b1 = pb1;
            a3 = pa0;
            b3 = pb0;
        }

        TU low = L.SplatU(Low32);
        a0 = L.And(a0, low);
        a1 = L.And(a1, low);
        a2 = L.And(a2, low);
        a3 = L.And(a3, low);
        b0 = L.And(b0, low);
        b1 = L.And(b1, low);
        b2 = L.And(b2, low);
        b3 = L.And(b3, low);
    }

    /// <summary>Ten rounds under a key schedule splatted once by the caller (<see cref="PhiloxRoundKeys{TU}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Compute<L, TD, TU>(TU c0, TU c1, TU c2, TU c3, in PhiloxRoundKeys<TU> keys,
        out TU r0, out TU r1, out TU r2, out TU r3)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        Round<L, TD, TU>(ref c0, ref c1, ref c2, ref c3, keys[0], keys[1]);
        Round<L, TD, TU>(ref c0, ref c1, ref c2, ref c3, keys[2], keys[3]);
        Round<L, TD, TU>(ref c0, ref c1, ref c2, ref c3, keys[4], keys[5]);
        Round<L, TD, TU>(ref c0, ref c1, ref c2, ref c3, keys[6], keys[7]);
        Round<L, TD, TU>(ref c0, ref c1, ref c2, ref c3, keys[8], keys[9]);
        Round<L, TD, TU>(ref c0, ref c1, ref c2, ref c3, keys[10], keys[11]);
        Round<L, TD, TU>(ref c0, ref c1, ref c2, ref c3, keys[12], keys[13]);
        Round<L, TD, TU>(ref c0, ref c1, ref c2, ref c3, keys[14], keys[15]);
        Round<L, TD, TU>(ref c0, ref c1, ref c2, ref c3, keys[16], keys[17]);
        Round<L, TD, TU>(ref c0, ref c1, ref c2, ref c3, keys[18], keys[19]);
        TU low = L.SplatU(Low32);
        r0 = L.And(c0, low);
        r1 = L.And(c1, low);
        r2 = L.And(c2, low);
        r3 = L.And(c3, low);
    }
}

/// <summary>
/// The Weyl key schedule of Philox4x32-10 with each round key in every lane, built once before a loop over paths:
/// element 2r is round r's key word 0 (key0 + r·W0 modulo 2^32), element 2r + 1 its word 1 (key1 + r·W1). The rounds
/// then read their keys as memory operands; rebuilt inside the loop, each key cost a general-register-to-vector move
/// and a broadcast (three instructions on AVX2), 20 per vector of paths.
/// </summary>
[InlineArray(2 * Philox4x32.Rounds)]
internal struct PhiloxRoundKeys<TU>
    where TU : struct
{
    private TU _key;

    /// <summary>The schedule of <paramref name="key"/> at width <typeparamref name="L"/>.</summary>
    public static PhiloxRoundKeys<TU> Of<L, TD>(PhiloxKey key)
        where L : struct, ILanes<TD, TU>
        where TD : struct
    {
        var keys = default(PhiloxRoundKeys<TU>);
        uint k0 = key.Key0, k1 = key.Key1;
        for (int round = 0; round < Philox4x32.Rounds; round++)
        {
            keys[2 * round] = L.SplatU(k0);
            keys[2 * round + 1] = L.SplatU(k1);
            k0 += Philox4x32.W0;
            k1 += Philox4x32.W1;
        }

        return keys;
    }
}
