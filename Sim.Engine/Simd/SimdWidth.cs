using System.Runtime.Intrinsics;

namespace Sim.Engine.Simd;

/// <summary>
/// Vector width of the random-number and return kernels. Every width produces bit-identical numbers
/// (see <see cref="ILanes{TD, TU}"/>); the choice only changes speed.
/// </summary>
public enum SimdWidth
{
    /// <summary>The widest width the hardware accelerates (<see cref="SimdWidths.Best"/>).</summary>
    Auto = 0,

    /// <summary>One double at a time (<see cref="Lanes1"/>).</summary>
    Scalar = 1,

    /// <summary>Four doubles per <see cref="Vector256{T}"/> (<see cref="Lanes256"/>, AVX2).</summary>
    Vector256 = 4,

    /// <summary>Eight doubles per <see cref="Vector512{T}"/> (<see cref="Lanes512"/>, AVX-512).</summary>
    Vector512 = 8,
}

/// <summary>Runtime choice of <see cref="SimdWidth"/>.</summary>
public static class SimdWidths
{
    /// <summary>
    /// Vector512 when it is hardware accelerated, else Vector256 when that is, else scalar. With
    /// <c>DOTNET_EnableAVX512=0</c> this is Vector256; with <c>DOTNET_EnableHWIntrinsic=0</c> it is scalar.
    /// </summary>
    public static SimdWidth Best { get; } =
        Vector512.IsHardwareAccelerated ? SimdWidth.Vector512
        : Vector256.IsHardwareAccelerated ? SimdWidth.Vector256
        : SimdWidth.Scalar;

    /// <summary>Replaces <see cref="SimdWidth.Auto"/> by <see cref="Best"/>; rejects undefined values.</summary>
    public static SimdWidth Resolve(SimdWidth width) => width switch
    {
        SimdWidth.Auto => Best,
        SimdWidth.Scalar or SimdWidth.Vector256 or SimdWidth.Vector512 => width,
        _ => throw new ArgumentOutOfRangeException(nameof(width), width, "unknown SIMD width"),
    };

    /// <summary>All three concrete widths, for tests and benchmarks that compare them.</summary>
    public static IReadOnlyList<SimdWidth> All { get; } = [SimdWidth.Scalar, SimdWidth.Vector256, SimdWidth.Vector512];
}
