using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Sim.Engine.Simd;

/// <summary>
/// 4 lanes in a <see cref="Vector256{T}"/> (AVX2). When the hardware does not accelerate it, the same
/// operations run in software with the same IEEE results, so tests can compare all widths on any machine.
/// </summary>
public readonly struct Lanes256 : ILanes<Vector256<double>, Vector256<ulong>>
{
    /// <inheritdoc/>
    public static int Count => Vector256<double>.Count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Splat(double value) => Vector256.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Load(ref double source) => Vector256.LoadUnsafe(ref source);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<double> value, ref double destination) => value.StoreUnsafe(ref destination);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Add(Vector256<double> a, Vector256<double> b) => a + b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Sub(Vector256<double> a, Vector256<double> b) => a - b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Mul(Vector256<double> a, Vector256<double> b) => a * b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Div(Vector256<double> a, Vector256<double> b) => a / b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Sqrt(Vector256<double> a) => Vector256.Sqrt(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Floor(Vector256<double> a) => Vector256.Floor(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Negate(Vector256<double> a) =>
        Vector256.Xor(a.AsUInt64(), Vector256.Create(0x8000_0000_0000_0000UL)).AsDouble();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Abs(Vector256<double> a) =>
        Vector256.BitwiseAnd(a.AsUInt64(), Vector256.Create(0x7FFF_FFFF_FFFF_FFFFUL)).AsDouble();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> IfLess(Vector256<double> a, Vector256<double> b, Vector256<double> whenTrue, Vector256<double> whenFalse) =>
        Vector256.ConditionalSelect(Vector256.LessThan(a, b), whenTrue, whenFalse);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> IfGreater(Vector256<double> a, Vector256<double> b, Vector256<double> whenTrue, Vector256<double> whenFalse) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(a, b), whenTrue, whenFalse);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> IfEqual(Vector256<double> a, Vector256<double> b, Vector256<double> whenTrue, Vector256<double> whenFalse) =>
        Vector256.ConditionalSelect(Vector256.Equals(a, b), whenTrue, whenFalse);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllEqual(Vector256<double> a, double value) => Vector256.EqualsAll(a, Vector256.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> AsBits(Vector256<double> a) => a.AsUInt64();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> FromBits(Vector256<ulong> a) => a.AsDouble();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> SplatU(ulong value) => Vector256.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Sequence(ulong first) => Vector256.CreateSequence(first, 1UL);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> AddU(Vector256<ulong> a, Vector256<ulong> b) => a + b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> SubU(Vector256<ulong> a, Vector256<ulong> b) => a - b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> And(Vector256<ulong> a, Vector256<ulong> b) => a & b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Or(Vector256<ulong> a, Vector256<ulong> b) => a | b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Xor(Vector256<ulong> a, Vector256<ulong> b) => a ^ b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> ShiftLeft(Vector256<ulong> a, int count) => Vector256.ShiftLeft(a, count);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> ShiftRight(Vector256<ulong> a, int count) => Vector256.ShiftRightLogical(a, count);

    /// <summary>vpmuludq when available (multiplies the low 32 bits of each 64-bit lane into a 64-bit product);
    /// otherwise the general 64-bit multiply of the two low halves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> MulLow32(Vector256<ulong> a, Vector256<ulong> b) => Avx2.IsSupported ? Avx2.Multiply(a.AsUInt32(), b.AsUInt32()) : (a & Vector256.Create(0xFFFF_FFFFUL)) * (b & Vector256.Create(0xFFFF_FFFFUL));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreU(Vector256<ulong> value, ref ulong destination) => value.StoreUnsafe(ref destination);

    /// <inheritdoc/>
    /// <remarks>vunpcklpd/vunpckhpd give (a0, b0, a2, b2) and (a1, b1, a3, b3); vperm2f128 puts the 128-bit halves in
    /// order. Without AVX, element by element.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreInterleaved(Vector256<double> a, Vector256<double> b, ref double destination)
    {
        if (Avx.IsSupported)
        {
            var low = Avx.UnpackLow(a, b);
            var high = Avx.UnpackHigh(a, b);
            Avx.Permute2x128(low, high, 0x20).StoreUnsafe(ref destination);
            Avx.Permute2x128(low, high, 0x31).StoreUnsafe(ref destination, 4);
            return;
        }

        for (int i = 0; i < 4; i++)
        {
            Unsafe.Add(ref destination, 2 * i) = a.GetElement(i);
            Unsafe.Add(ref destination, 2 * i + 1) = b.GetElement(i);
        }
    }
}
