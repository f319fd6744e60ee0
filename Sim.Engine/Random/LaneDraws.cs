using System.Runtime.CompilerServices;
using Sim.Engine.Simd;

namespace Sim.Engine.Random;

/// <summary>
/// Uniform and normal draws for a vector of consecutive paths, written once over <see cref="ILanes{TD, TU}"/>.
/// These definitions are THE definition of every random number of the engine; the public span APIs and the
/// return generators all call them.
/// </summary>
public static class LaneDraws
{
    /// <summary>1 − 2^-53: subtracting it from 1 + j·2^-52 gives (2j + 1)·2^-53 exactly.</summary>
    private const double OneMinusHalfUlp = 1.0 - 1.0 / 9007199254740992.0;

    /// <summary>
    /// Philox block <paramref name="block"/> of stream/year word <paramref name="yearStream"/> for the paths in
    /// <paramref name="paths"/> (one path index per lane).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Words<L, TD, TU>(TU paths, uint yearStream, uint block, PhiloxKey key,
        out TU w0, out TU w1, out TU w2, out TU w3)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        TU c0 = L.And(paths, L.SplatU(0xFFFF_FFFFUL));
        TU c1 = L.ShiftRight(paths, 32);
        PhiloxLanes.Compute<L, TD, TU>(c0, c1, L.SplatU(yearStream), L.SplatU(block), key.Key0, key.Key1,
            out w0, out w1, out w2, out w3);
    }

    /// <summary>
    /// A uniform in (0, 1) from two 32-bit words: j = the high 32 bits of <paramref name="hi"/>'s word followed by
    /// the top 20 bits of <paramref name="lo"/>'s (52 random bits), u = (2j + 1)·2^-53. Every value is an exact
    /// double with 53 significant bits; the smallest is 2^-53 and the largest 1 − 2^-53, so u is never 0 or 1
    /// and 1 − u is exact too (Random123's "open-open" fixed-point conversion). A 53rd random bit cannot be had
    /// without losing one of those properties: (j + ½)·2^-53 for a 53-bit j is not representable above ½.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TD Uniform<L, TD, TU>(TU hi, TU lo)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        TU j = L.Or(L.ShiftLeft(hi, 20), L.ShiftRight(lo, 12));
        TD oneToTwo = L.FromBits(L.Or(j, L.SplatU(0x3FF0_0000_0000_0000UL))); // 1 + j·2^-52, exact
        return L.Sub(oneToTwo, L.Splat(OneMinusHalfUlp)); // exact
    }

    /// <summary>
    /// Two independent standard normals from one Philox block by Box-Muller: u1 from words 0-1, u2 from words 2-3,
    /// R = sqrt(−2 ln u1), <paramref name="z0"/> = R cos(2π u2) (normal 2·block), <paramref name="z1"/> =
    /// R sin(2π u2) (normal 2·block + 1). |z| &lt;= sqrt(2·53·ln 2) ≈ 8.57 because u1 >= 2^-53.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void NormalPair<L, TD, TU>(TU paths, uint yearStream, uint block, PhiloxKey key, out TD z0, out TD z1)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        Words<L, TD, TU>(paths, yearStream, block, key, out TU w0, out TU w1, out TU w2, out TU w3);
        TD u1 = Uniform<L, TD, TU>(w0, w1);
        TD u2 = Uniform<L, TD, TU>(w2, w3);
        TD radius = L.Sqrt(L.Mul(L.Splat(-2.0), VMath.Log<L, TD, TU>(u1)));
        VMath.SinCos2Pi<L, TD, TU>(u2, out TD sin, out TD cos);
        z0 = L.Mul(radius, cos);
        z1 = L.Mul(radius, sin);
    }
}
