using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Sim.Engine.Simd;

/// <summary>A loop body written once over <see cref="ILanes{TD, TU}"/>: handles the lanes of block elements j.. at
/// the width <c>TL</c> of <see cref="Lanes"/> gives (TL.Count lanes: 8 for AVX-512, 4 for AVX2, 1 for the scalar twin).</summary>
internal interface ILaneLoop
{
    void Lanes<TL, TD, TU>(int j)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct;
}

/// <summary>A loop over a range written once over <see cref="ILanes{TD, TU}"/>: processes elements [start, end) in
/// whole vectors of TL.Count lanes from <c>start</c> and returns the first element it did not process (with
/// <see cref="Lanes1"/>, <c>end</c>).</summary>
internal interface ILaneRange
{
    int Run<TL, TD, TU>(int start, int end)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct;
}

/// <summary>
/// The one width driver (the TensorPrimitives pattern): it owns the choice among Vector512, Vector256 and scalar and
/// the remainder. Elements [0, count) run as whole vectors of the chosen width from 0 upward; the last
/// count mod width elements run one at a time through the scalar twin <see cref="Lanes1"/>, which performs the same
/// IEEE operations in the same order, so the result does not depend on the width. The body is a struct, so each
/// (body, width) pair is its own JIT instantiation with no virtual call in the loop.
/// </summary>
internal static class WidthDriver
{
    public static void Run<TLoop>(SimdWidth width, int count, ref TLoop loop)
        where TLoop : struct, ILaneLoop
    {
        int j = SimdWidths.Resolve(width) switch
        {
            SimdWidth.Vector512 => Whole<TLoop, Lanes512, Vector512<double>, Vector512<ulong>>(count, ref loop),
            SimdWidth.Vector256 => Whole<TLoop, Lanes256, Vector256<double>, Vector256<ulong>>(count, ref loop),
            _ => 0,
        };
        if (j < count)
        {
            Rest(j, count, ref loop);
        }
    }

    /// <summary>The remainder through the scalar twin, a method of its own that runs only when there is one: a
    /// whole-vector count (most runs: the blocks are multiples of eight paths) never compiles the body's scalar
    /// instantiation, which inlined into <see cref="Run{TLoop}"/> was compiled with every run.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Rest<TLoop>(int j, int count, ref TLoop loop)
        where TLoop : struct, ILaneLoop
    {
        for (; j < count; j++)
        {
            loop.Lanes<Lanes1, double, ulong>(j);
        }
    }

    /// <summary>The range form, for loops that keep state across vectors (hoisted constants, a counter): the body
    /// processes [start, end) in whole vectors of its width and returns where it stopped; the driver picks the width,
    /// then hands the rest to the scalar twin (which processes everything it is given).</summary>
    public static void RunRange<TRange>(SimdWidth width, int count, ref TRange range)
        where TRange : struct, ILaneRange, allows ref struct
    {
        int done = SimdWidths.Resolve(width) switch
        {
            SimdWidth.Vector512 => range.Run<Lanes512, Vector512<double>, Vector512<ulong>>(0, count),
            SimdWidth.Vector256 => range.Run<Lanes256, Vector256<double>, Vector256<ulong>>(0, count),
            _ => 0,
        };
        if (done < count)
        {
            range.Run<Lanes1, double, ulong>(done, count);
        }
    }

    private static int Whole<TLoop, TL, TD, TU>(int count, ref TLoop loop)
        where TLoop : struct, ILaneLoop
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        int j = 0;
        for (; j <= count - TL.Count; j += TL.Count)
        {
            loop.Lanes<TL, TD, TU>(j);
        }

        return j;
    }
}
