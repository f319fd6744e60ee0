using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Sim.Engine.Simd;

namespace Sim.Engine.Random;

/// <summary>
/// Span APIs over <see cref="LaneDraws"/>: "generate exactly these numbers and nothing else", for benchmarks and
/// tests. Element i always belongs to path <c>firstPath + i</c>; whole vectors of paths go through the chosen
/// width and the remainder (count not a multiple of the width) through the scalar twin <see cref="Lanes1"/>, which
/// gives identical bits, so the output does not depend on the width or on how the paths are split.
/// </summary>
public static class NormalGenerator
{
    /// <summary>
    /// Standard normals: <c>destination[j * count + i]</c> = normal j (0 ≤ j &lt; dimensions) of path
    /// <c>firstPath + i</c> in (seed, year, stream), where count = destination.Length / dimensions. Normal j of path p
    /// is <see cref="LaneDraws.PathPairNormal"/> of Philox block j: the cosine half (p even) or sine half (p odd) of
    /// the block of counter path p − p mod 2.
    /// </summary>
    public static void Fill(ulong seed, long firstPath, int year, int stream, int dimensions, Span<double> destination,
        SimdWidth width = SimdWidth.Auto)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstPath);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        if (destination.Length % dimensions != 0)
        {
            throw new ArgumentException("the destination length must be a multiple of dimensions", nameof(destination));
        }

        int count = destination.Length / dimensions;
        uint yearStream = CounterLayout.YearStreamWord(year, stream);
        var key = PhiloxKey.FromSeed(seed);
        var resolved = SimdWidths.Resolve(width);
        for (int j = 0; j < dimensions; j++)
        {
            ref double row = ref MemoryMarshal.GetReference(destination.Slice(j * count, count));
            switch (resolved)
            {
                case SimdWidth.Vector512:
                    LaneDraws.FillPathPairs<Lanes512, Vector512<double>, Vector512<ulong>>(0, count, firstPath, yearStream, (uint)j, key, ref row);
                    break;
                case SimdWidth.Vector256:
                    LaneDraws.FillPathPairs<Lanes256, Vector256<double>, Vector256<ulong>>(0, count, firstPath, yearStream, (uint)j, key, ref row);
                    break;
                default:
                    LaneDraws.FillPathPairs<Lanes1, double, ulong>(0, count, firstPath, yearStream, (uint)j, key, ref row);
                    break;
            }
        }
    }

    /// <summary>One standard normal per path (dimension 0).</summary>
    public static void Fill(ulong seed, long firstPath, int year, int stream, Span<double> destination,
        SimdWidth width = SimdWidth.Auto) => Fill(seed, firstPath, year, stream, 1, destination, width);

    /// <summary>The scalar definition of normal <paramref name="index"/> of (seed, path, year, stream)
    /// (<see cref="LaneDraws.PathPairNormal"/> of block <paramref name="index"/>).</summary>
    public static double Normal(ulong seed, long path, int year, int stream, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfNegative(path);
        return LaneDraws.PathPairNormal((ulong)path, CounterLayout.YearStreamWord(year, stream), (uint)index,
            PhiloxKey.FromSeed(seed));
    }

    /// <summary>
    /// The two uniforms of Philox block <paramref name="block"/> for each path: <paramref name="first"/>[i] from
    /// words 0-1, <paramref name="second"/>[i] from words 2-3 (the spans must have equal lengths).
    /// </summary>
    public static void FillUniforms(ulong seed, long firstPath, int year, int stream, uint block, Span<double> first,
        Span<double> second, SimdWidth width = SimdWidth.Auto)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstPath);
        if (first.Length != second.Length)
        {
            throw new ArgumentException("the two destinations must have the same length", nameof(second));
        }

        uint yearStream = CounterLayout.YearStreamWord(year, stream);
        var key = PhiloxKey.FromSeed(seed);
        ref double a = ref MemoryMarshal.GetReference(first);
        ref double b = ref MemoryMarshal.GetReference(second);
        int done = SimdWidths.Resolve(width) switch
        {
            SimdWidth.Vector512 => FillUniforms<Lanes512, Vector512<double>, Vector512<ulong>>(0, first.Length, firstPath, yearStream, block, key, ref a, ref b),
            SimdWidth.Vector256 => FillUniforms<Lanes256, Vector256<double>, Vector256<ulong>>(0, first.Length, firstPath, yearStream, block, key, ref a, ref b),
            _ => 0,
        };
        FillUniforms<Lanes1, double, ulong>(done, first.Length, firstPath, yearStream, block, key, ref a, ref b);
    }

    /// <summary>Chi-square(ν) draws (the Student-t mixing variable), one per path, in (seed, year, stream).</summary>
    public static void FillChiSquare(ulong seed, long firstPath, int year, int stream, double degreesOfFreedom,
        Span<double> destination, SimdWidth width = SimdWidth.Auto)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstPath);
        var p = new ChiSquareParameters(degreesOfFreedom);
        uint yearStream = CounterLayout.YearStreamWord(year, stream);
        var key = PhiloxKey.FromSeed(seed);
        ref double dest = ref MemoryMarshal.GetReference(destination);
        int done = SimdWidths.Resolve(width) switch
        {
            SimdWidth.Vector512 => FillChiSquare<Lanes512, Vector512<double>, Vector512<ulong>>(0, destination.Length, firstPath, yearStream, key, p, ref dest),
            SimdWidth.Vector256 => FillChiSquare<Lanes256, Vector256<double>, Vector256<ulong>>(0, destination.Length, firstPath, yearStream, key, p, ref dest),
            _ => 0,
        };
        FillChiSquare<Lanes1, double, ulong>(done, destination.Length, firstPath, yearStream, key, p, ref dest);
    }

    /// <summary>Raw Philox words of block <paramref name="block"/> per path: destination[4i + w] = word w of path firstPath + i.</summary>
    public static void FillWords(ulong seed, long firstPath, int year, int stream, uint block, Span<ulong> destination,
        SimdWidth width = SimdWidth.Auto)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstPath);
        if (destination.Length % 4 != 0)
        {
            throw new ArgumentException("the destination length must be a multiple of 4", nameof(destination));
        }

        int count = destination.Length / 4;
        uint yearStream = CounterLayout.YearStreamWord(year, stream);
        var key = PhiloxKey.FromSeed(seed);
        int done = SimdWidths.Resolve(width) switch
        {
            SimdWidth.Vector512 => FillWords<Lanes512, Vector512<double>, Vector512<ulong>>(0, count, firstPath, yearStream, block, key, destination),
            SimdWidth.Vector256 => FillWords<Lanes256, Vector256<double>, Vector256<ulong>>(0, count, firstPath, yearStream, block, key, destination),
            _ => 0,
        };
        FillWords<Lanes1, double, ulong>(done, count, firstPath, yearStream, block, key, destination);
    }

    // Each kernel processes whole vectors of L.Count paths from `start` while they fit before `end` and returns
    // the first index it did not process; the caller finishes with the Lanes1 instantiation.

    private static int FillUniforms<L, TD, TU>(int start, int end, long firstPath, uint yearStream, uint block,
        PhiloxKey key, ref double first, ref double second)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        int i = start;
        for (; i <= end - L.Count; i += L.Count)
        {
            TU paths = L.Sequence((ulong)(firstPath + i));
            LaneDraws.Words<L, TD, TU>(paths, yearStream, block, key, out TU w0, out TU w1, out TU w2, out TU w3);
            L.Store(LaneDraws.Uniform<L, TD, TU>(w0, w1), ref Unsafe.Add(ref first, i));
            L.Store(LaneDraws.Uniform<L, TD, TU>(w2, w3), ref Unsafe.Add(ref second, i));
        }

        return i;
    }

    private static int FillChiSquare<L, TD, TU>(int start, int end, long firstPath, uint yearStream, PhiloxKey key,
        in ChiSquareParameters p, ref double dest)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        int i = start;
        for (; i <= end - L.Count; i += L.Count)
        {
            TU paths = L.Sequence((ulong)(firstPath + i));
            L.Store(ChiSquareDraws.Draw<L, TD, TU>(paths, yearStream, key, p), ref Unsafe.Add(ref dest, i));
        }

        return i;
    }

    private static int FillWords<L, TD, TU>(int start, int end, long firstPath, uint yearStream, uint block,
        PhiloxKey key, Span<ulong> destination)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        Span<ulong> lanes = stackalloc ulong[4 * 8];
        int i = start;
        for (; i <= end - L.Count; i += L.Count)
        {
            TU paths = L.Sequence((ulong)(firstPath + i));
            LaneDraws.Words<L, TD, TU>(paths, yearStream, block, key, out TU w0, out TU w1, out TU w2, out TU w3);
            L.StoreU(w0, ref lanes[0]);
            L.StoreU(w1, ref lanes[8]);
            L.StoreU(w2, ref lanes[16]);
            L.StoreU(w3, ref lanes[24]);
            for (int lane = 0; lane < L.Count; lane++)
            {
                for (int w = 0; w < 4; w++)
                {
                    destination[4 * (i + lane) + w] = lanes[8 * w + lane];
                }
            }
        }

        return i;
    }
}
