using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Sim.Engine.Simulation;

/// <summary>
/// The few lane-wise double operations the path kernel needs, abstracted over the vector width so each kernel
/// phase is written once. Implementations are structs, so the JIT compiles one specialised copy per width with no
/// indirection. Every operation is a single IEEE-754 operation per lane (no fused multiply-add), which is what makes
/// the widths bit-identical.
/// </summary>
internal interface ILanes<TV> where TV : struct, ILanes<TV>
{
    static abstract int Count { get; }
    static abstract TV Broadcast(double value);
    static abstract TV Load(ref double source, int index);
    static abstract void Store(TV value, ref double destination, int index);
    static abstract TV Add(TV a, TV b);
    static abstract TV Sub(TV a, TV b);
    static abstract TV Mul(TV a, TV b);
    static abstract TV Div(TV a, TV b);

    static virtual TV Load(double[] source, int index) =>
        TV.Load(ref MemoryMarshal.GetArrayDataReference(source), index);

    static virtual void Store(TV value, double[] destination, int index) =>
        TV.Store(value, ref MemoryMarshal.GetArrayDataReference(destination), index);
}

/// <summary>8 paths per operation (AVX-512): lane j holds path index + j.</summary>
internal readonly struct Lanes512 : ILanes<Lanes512>
{
    private readonly Vector512<double> _v;

    private Lanes512(Vector512<double> v) => _v = v;

    public static int Count => Vector512<double>.Count;

    public static Lanes512 Broadcast(double value) => new(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Load(ref double source, int index) => new(Vector512.LoadUnsafe(ref source, (nuint)index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lanes512 value, ref double destination, int index) => value._v.StoreUnsafe(ref destination, (nuint)index);

    public static Lanes512 Add(Lanes512 a, Lanes512 b) => new(a._v + b._v);
    public static Lanes512 Sub(Lanes512 a, Lanes512 b) => new(a._v - b._v);
    public static Lanes512 Mul(Lanes512 a, Lanes512 b) => new(a._v * b._v);
    public static Lanes512 Div(Lanes512 a, Lanes512 b) => new(a._v / b._v);
}

/// <summary>4 paths per operation (AVX2): lane j holds path index + j.</summary>
internal readonly struct Lanes256 : ILanes<Lanes256>
{
    private readonly Vector256<double> _v;

    private Lanes256(Vector256<double> v) => _v = v;

    public static int Count => Vector256<double>.Count;

    public static Lanes256 Broadcast(double value) => new(Vector256.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Load(ref double source, int index) => new(Vector256.LoadUnsafe(ref source, (nuint)index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lanes256 value, ref double destination, int index) => value._v.StoreUnsafe(ref destination, (nuint)index);

    public static Lanes256 Add(Lanes256 a, Lanes256 b) => new(a._v + b._v);
    public static Lanes256 Sub(Lanes256 a, Lanes256 b) => new(a._v - b._v);
    public static Lanes256 Mul(Lanes256 a, Lanes256 b) => new(a._v * b._v);
    public static Lanes256 Div(Lanes256 a, Lanes256 b) => new(a._v / b._v);
}

/// <summary>The scalar twin: one path per operation. The reference every width is tested against, and the
/// remainder loop of every vectorized phase.</summary>
internal readonly struct ScalarLanes(double value) : ILanes<ScalarLanes>
{
    private readonly double _v = value;

    public static int Count => 1;

    public static ScalarLanes Broadcast(double value) => new(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLanes Load(ref double source, int index) => new(Unsafe.Add(ref source, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(ScalarLanes value, ref double destination, int index) => Unsafe.Add(ref destination, index) = value._v;

    public static ScalarLanes Add(ScalarLanes a, ScalarLanes b) => new(a._v + b._v);
    public static ScalarLanes Sub(ScalarLanes a, ScalarLanes b) => new(a._v - b._v);
    public static ScalarLanes Mul(ScalarLanes a, ScalarLanes b) => new(a._v * b._v);
    public static ScalarLanes Div(ScalarLanes a, ScalarLanes b) => new(a._v / b._v);
}
