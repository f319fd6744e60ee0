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

    /// <summary>Paths per chunk of <see cref="FillPathPairs"/>: the chunk's scratch (2 KB) and output stay in L1.</summary>
    private const int Chunk = 256;

    /// <summary>
    /// The path-pair normal: the normal of Philox block <paramref name="block"/> for path <paramref name="path"/> is
    /// the cosine half (even path) or the sine half (odd path) of the block whose counter path is
    /// <c>path − path mod 2</c>. The two paths of a pair share one Philox call and one Box-Muller transform, whose two
    /// outputs are independent standard normals, so no half of a block is computed and thrown away. The definition
    /// <see cref="FillPathPairs"/> must equal lane by lane.
    /// </summary>
    public static double PathPairNormal(ulong path, uint yearStream, uint block, PhiloxKey key)
    {
        NormalPair<Lanes1, double, ulong>(path & ~1UL, yearStream, block, key, out double cos, out double sin);
        return (path & 1) == 0 ? cos : sin;
    }

    /// <summary>
    /// <see cref="PathPairNormal"/> of block <paramref name="block"/> into <paramref name="destination"/>[i] for paths
    /// firstPath + i, every i in [start, end). The width <typeparamref name="L"/> takes whole groups of 2·L.Count paths
    /// from an even path (<see cref="PathPairGroups"/>); what it leaves (a group's worth at most, or the whole range
    /// when it starts at an odd path) goes through the scalar twin (<see cref="PathPairsScalar"/>), so callers have no
    /// remainder to finish and every width gives the same bits.
    /// </summary>
    public static void FillPathPairs<L, TD, TU>(int start, int end, long firstPath, uint yearStream, uint block,
        PhiloxKey key, ref double destination)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        int done = L.Count == 1 || ((firstPath + start) & 1) != 0
            ? start
            : PathPairGroups<L, TD, TU>(start, end, firstPath, yearStream, block, key, ref destination);
        PathPairsScalar(done, end, firstPath, yearStream, block, key, ref destination);
    }

    /// <summary>
    /// The vector part of <see cref="FillPathPairs"/>: whole groups of 2·L.Count paths from an even path
    /// <c>firstPath + start</c> (L.Count pairs: one vector of counters, then <see cref="ILanes{TD, TU}.StoreInterleaved"/>
    /// writes cosine, sine, cosine, sine, ...); returns the first index not processed. Exactly the operations of
    /// <see cref="NormalPair"/> per pair, in three passes over chunks of <see cref="Chunk"/> paths (Philox and the
    /// uniforms, the radius, the sine and cosine).
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
    private static int PathPairGroups<L, TD, TU>(int start, int end, long firstPath, uint yearStream, uint block,
        PhiloxKey key, ref double destination)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        var keys = PhiloxRoundKeys<TU>.Of<L, TD>(key);
        TU yearStreamLanes = L.SplatU(yearStream), blockLanes = L.SplatU(block), step = L.SplatU((ulong)(2 * L.Count));
        Span<double> radii = stackalloc double[Chunk / 2];
        Span<double> angles = stackalloc double[Chunk / 2];
        ref double r0 = ref MemoryMarshal.GetReference(radii);
        ref double u2s = ref MemoryMarshal.GetReference(angles);
        int group = 2 * L.Count;
        int wholeEnd = start + (end - start) / group * group;
        // Counter paths of the pairs: firstPath + start, + 2, + 4, ... (even, so the shift of the halved sequence).
        TU paths = L.ShiftLeft(L.Sequence((ulong)(firstPath + start) >> 1), 1);
        for (int c = start; c < wholeEnd; c += Chunk)
        {
            int pairs = (Math.Min(c + Chunk, wholeEnd) - c) / 2; // a multiple of L.Count
            int q = 0;
            for (; q + 2 * L.Count <= pairs; q += 2 * L.Count)
            {
                TU a0 = paths, a1 = L.ShiftRight(paths, 32), a2 = yearStreamLanes, a3 = blockLanes;
                paths = L.AddU(paths, step);
                TU b0 = paths, b1 = L.ShiftRight(paths, 32), b2 = yearStreamLanes, b3 = blockLanes;
                paths = L.AddU(paths, step);
                PhiloxLanes.ComputeTwo<L, TD, TU>(ref a0, ref a1, ref a2, ref a3, ref b0, ref b1, ref b2, ref b3, keys);
                L.Store(Uniform<L, TD, TU>(a0, a1), ref Unsafe.Add(ref r0, q));
                L.Store(Uniform<L, TD, TU>(a2, a3), ref Unsafe.Add(ref u2s, q));
                L.Store(Uniform<L, TD, TU>(b0, b1), ref Unsafe.Add(ref r0, q + L.Count));
                L.Store(Uniform<L, TD, TU>(b2, b3), ref Unsafe.Add(ref u2s, q + L.Count));
            }

            for (; q < pairs; q += L.Count)
            {
                UniformPair<L, TD, TU>(paths, yearStreamLanes, blockLanes, keys, out TD u1, out TD u2);
                paths = L.AddU(paths, step);
                L.Store(u1, ref Unsafe.Add(ref r0, q));
                L.Store(u2, ref Unsafe.Add(ref u2s, q));
            }

            for (q = 0; q < pairs; q += L.Count)
            {
                L.Store(Radius<L, TD, TU>(L.Load(ref Unsafe.Add(ref r0, q))), ref Unsafe.Add(ref r0, q));
            }

            for (q = 0; q < pairs; q += L.Count)
            {
                PolarPair<L, TD, TU>(L.Load(ref Unsafe.Add(ref r0, q)), L.Load(ref Unsafe.Add(ref u2s, q)), out TD cos, out TD sin);
                L.StoreInterleaved(cos, sin, ref Unsafe.Add(ref destination, c + 2 * q));
            }
        }

        return wholeEnd;
    }

    /// <summary>The scalar twin of <see cref="PathPairGroups"/>, for any range: a pair that lies whole in the range
    /// computes its block once; a lone path at either end (an odd first path, an even last one) is the
    /// definition.</summary>
    private static void PathPairsScalar(int start, int end, long firstPath, uint yearStream, uint block, PhiloxKey key,
        ref double destination)
    {
        int i = start;
        while (i < end)
        {
            ulong path = (ulong)(firstPath + i);
            if ((path & 1) == 0 && i + 1 < end)
            {
                NormalPair<Lanes1, double, ulong>(path, yearStream, block, key, out double cos, out double sin);
                Unsafe.Add(ref destination, i) = cos;
                Unsafe.Add(ref destination, i + 1) = sin;
                i += 2;
            }
            else
            {
                Unsafe.Add(ref destination, i) = PathPairNormal(path, yearStream, block, key);
                i++;
            }
        }
    }
}
