using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
        TU c1 = L.ShiftRight(paths, 32);
        PhiloxLanes.Compute<L, TD, TU>(paths, c1, L.SplatU(yearStream), L.SplatU(block), key.Key0, key.Key1,
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
        UniformPair<L, TD, TU>(paths, yearStream, block, key, out TD u1, out TD u2);
        BoxMuller<L, TD, TU>(u1, u2, out z0, out z1);
    }

    /// <summary>The two uniforms of Philox block <paramref name="block"/>: u1 from words 0-1, u2 from words 2-3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void UniformPair<L, TD, TU>(TU paths, uint yearStream, uint block, PhiloxKey key, out TD u1, out TD u2)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        Words<L, TD, TU>(paths, yearStream, block, key, out TU w0, out TU w1, out TU w2, out TU w3);
        u1 = Uniform<L, TD, TU>(w0, w1);
        u2 = Uniform<L, TD, TU>(w2, w3);
    }

    /// <summary><see cref="UniformPair{L, TD, TU}(TU, uint, uint, PhiloxKey, out TD, out TD)"/> under a key
    /// schedule splatted once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void UniformPair<L, TD, TU>(TU paths, TU yearStream, TU block, in PhiloxRoundKeys<TU> keys, out TD u1, out TD u2)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        PhiloxLanes.Compute<L, TD, TU>(paths, L.ShiftRight(paths, 32), yearStream, block, keys,
            out TU w0, out TU w1, out TU w2, out TU w3);
        u1 = Uniform<L, TD, TU>(w0, w1);
        u2 = Uniform<L, TD, TU>(w2, w3);
    }

    /// <summary>Box-Muller: <paramref name="z0"/> = sqrt(−2 ln u1)·cos(2π u2), <paramref name="z1"/> = sqrt(−2 ln u1)·sin(2π u2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void BoxMuller<L, TD, TU>(TD u1, TD u2, out TD z0, out TD z1)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        PolarPair<L, TD, TU>(Radius<L, TD, TU>(u1), u2, out z0, out z1);
    }

    /// <summary>Box-Muller's radius sqrt(−2 ln u1) (u1 ≥ 2^-53 is a normal number, so the log skips the subnormal
    /// rescaling).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TD Radius<L, TD, TU>(TD u1)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct => L.Sqrt(L.Mul(L.Splat(-2.0), VMath.LogOfNormal<L, TD, TU>(u1)));

    /// <summary>(radius·cos(2π u2), radius·sin(2π u2)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PolarPair<L, TD, TU>(TD radius, TD u2, out TD z0, out TD z1)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        VMath.SinCos2Pi<L, TD, TU>(u2, out TD sin, out TD cos);
        z0 = L.Mul(radius, cos);
        z1 = L.Mul(radius, sin);
    }

    /// <summary>Paths per chunk of <see cref="FillPairs"/>: the chunk's u2 scratch (2 KB) and output stay in L1.</summary>
    private const int Chunk = 256;

    /// <summary>
    /// Normals 2·block (into <paramref name="first"/>[i]) and 2·block + 1 (into <paramref name="second"/>[i], when
    /// <paramref name="hasSecond"/>) of paths firstPath + i for i in [start, end) in whole vectors; returns the first
    /// index not processed. Exactly the operations of <see cref="NormalPair"/> per vector, in three passes over
    /// chunks of <see cref="Chunk"/> paths: the Philox words and uniforms (u1 parked in <paramref name="first"/>, u2 in
    /// a stack scratch), then the radius sqrt(−2 ln u1) in place, then the sine and cosine and the two products.
    /// </summary>
    /// <remarks>
    /// Why passes: one vector's NormalPair is a long dependency chain (ten Philox rounds, then a divide, the log
    /// polynomial and a square root) in a loop body of about 250 instructions, so the out-of-order core could not
    /// overlap the next vector's chain with it, and the loop ran at its latency, not its throughput (the AVX2 width
    /// was barely faster per vector than AVX-512). Short loop bodies let several vectors of paths be in flight. The
    /// scratch round trip is through L1. Measured per normal, one thread: AVX-512 −20%, AVX2 −25%.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    [SkipLocalsInit]
    public static int FillPairs<L, TD, TU>(int start, int end, long firstPath, uint yearStream, uint block, PhiloxKey key,
        ref double first, ref double second, bool hasSecond)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        // Loop invariants in lanes once: the key schedule, counter words 2 and 3, the step of the path indices.
        var keys = PhiloxRoundKeys<TU>.Of<L, TD>(key);
        TU yearStreamLanes = L.SplatU(yearStream), blockLanes = L.SplatU(block), step = L.SplatU((ulong)L.Count);
        Span<double> scratch = stackalloc double[Chunk];
        ref double u2s = ref MemoryMarshal.GetReference(scratch);
        int wholeEnd = start + (end - start) / L.Count * L.Count;
        TU paths = L.Sequence((ulong)(firstPath + start));
        for (int c = start; c < wholeEnd; c += Chunk)
        {
            int chunkEnd = Math.Min(c + Chunk, wholeEnd);
            // Two vectors of paths per iteration through Philox side by side, then one if a vector is left over.
            int j = c;
            for (; j + 2 * L.Count <= chunkEnd; j += 2 * L.Count)
            {
                TU a0 = paths, a1 = L.ShiftRight(paths, 32), a2 = yearStreamLanes, a3 = blockLanes;
                paths = L.AddU(paths, step);
                TU b0 = paths, b1 = L.ShiftRight(paths, 32), b2 = yearStreamLanes, b3 = blockLanes;
                paths = L.AddU(paths, step);
                PhiloxLanes.ComputeTwo<L, TD, TU>(ref a0, ref a1, ref a2, ref a3, ref b0, ref b1, ref b2, ref b3, keys);
                L.Store(Uniform<L, TD, TU>(a0, a1), ref Unsafe.Add(ref first, j));
                L.Store(Uniform<L, TD, TU>(a2, a3), ref Unsafe.Add(ref u2s, j - c));
                L.Store(Uniform<L, TD, TU>(b0, b1), ref Unsafe.Add(ref first, j + L.Count));
                L.Store(Uniform<L, TD, TU>(b2, b3), ref Unsafe.Add(ref u2s, j + L.Count - c));
            }

            for (; j < chunkEnd; j += L.Count)
            {
                UniformPair<L, TD, TU>(paths, yearStreamLanes, blockLanes, keys, out TD u1, out TD u2);
                paths = L.AddU(paths, step);
                L.Store(u1, ref Unsafe.Add(ref first, j));
                L.Store(u2, ref Unsafe.Add(ref u2s, j - c));
            }

            for (int i = c; i < chunkEnd; i += L.Count)
            {
                L.Store(Radius<L, TD, TU>(L.Load(ref Unsafe.Add(ref first, i))), ref Unsafe.Add(ref first, i));
            }

            for (int i = c; i < chunkEnd; i += L.Count)
            {
                PolarPair<L, TD, TU>(L.Load(ref Unsafe.Add(ref first, i)), L.Load(ref Unsafe.Add(ref u2s, i - c)), out TD z0, out TD z1);
                L.Store(z0, ref Unsafe.Add(ref first, i));
                if (hasSecond)
                {
                    L.Store(z1, ref Unsafe.Add(ref second, i));
                }
            }
        }

        return wholeEnd;
    }
}
