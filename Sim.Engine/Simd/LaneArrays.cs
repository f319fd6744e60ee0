using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sim.Engine.Simd;

/// <summary>Loads and stores <c>TL.Count</c> consecutive doubles of an array at an index (no bounds check: callers
/// loop whole vectors only up to the array's used length).</summary>
internal static class LaneArrays
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TD Load<TL, TD, TU>(double[] source, int index)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct =>
        TL.Load(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(source), index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<TL, TD, TU>(TD value, double[] destination, int index)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct =>
        TL.Store(value, ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(destination), index));
}
