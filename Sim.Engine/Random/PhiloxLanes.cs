using System.Runtime.CompilerServices;
using Sim.Engine.Simd;

namespace Sim.Engine.Random;

/// <summary>
/// Philox4x32-10 over vector lanes: lane i computes the generator for its own counter, with the same key in
/// every lane. Each 32-bit word lives in the low half of a 64-bit lane, so a Vector512 holds the words of eight
/// counters and one vpmuludq forms eight 32×32→64-bit products. The result equals <see cref="Philox4x32.Compute"/>
/// lane by lane (tested).
/// </summary>
public static class PhiloxLanes
{
    private const ulong Low32 = 0xFFFF_FFFFUL;

    /// <summary>Ten rounds on counters (c0, c1, c2, c3) under (key0, key1); every input lane must be below 2^32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Compute<L, TD, TU>(TU c0, TU c1, TU c2, TU c3, uint key0, uint key1,
        out TU r0, out TU r1, out TU r2, out TU r3)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        TU m0 = L.SplatU(Philox4x32.M0);
        TU m1 = L.SplatU(Philox4x32.M1);
        TU low = L.SplatU(Low32);
        for (int round = 0; round < Philox4x32.Rounds; round++)
        {
            TU p0 = L.MulLow32(c0, m0);
            TU p1 = L.MulLow32(c2, m1);
            TU n0 = L.Xor(L.Xor(L.ShiftRight(p1, 32), c1), L.SplatU(key0));
            TU n2 = L.Xor(L.Xor(L.ShiftRight(p0, 32), c3), L.SplatU(key1));
            c1 = L.And(p1, low);
            c3 = L.And(p0, low);
            c0 = n0;
            c2 = n2;
            key0 += Philox4x32.W0;
            key1 += Philox4x32.W1;
        }

        r0 = c0;
        r1 = c1;
        r2 = c2;
        r3 = c3;
    }
}
