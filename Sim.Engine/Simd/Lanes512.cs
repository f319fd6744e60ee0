using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Sim.Engine.Simd;

/// <summary>
/// 8 lanes in a <see cref="Vector512{T}"/> (AVX-512). When the hardware does not accelerate it, the same
/// operations run in software with the same IEEE results, so tests can compare all widths on any machine.
/// </summary>
public readonly struct Lanes512 : ILanes<Vector512<double>, Vector512<ulong>>
{
    /// <inheritdoc/>
    public static int Count => Vector512<double>.Count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Splat(double value) => Vector512.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Load(ref double source) => Vector512.LoadUnsafe(ref source);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<double> value, ref double destination) => value.StoreUnsafe(ref destination);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Add(Vector512<double> a, Vector512<double> b) => a + b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Sub(Vector512<double> a, Vector512<double> b) => a - b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Mul(Vector512<double> a, Vector512<double> b) => a * b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Div(Vector512<double> a, Vector512<double> b) => a / b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Sqrt(Vector512<double> a) => Vector512.Sqrt(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Floor(Vector512<double> a) => Vector512.Floor(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Negate(Vector512<double> a) =>
        Vector512.Xor(a.AsUInt64(), Vector512.Create(0x8000_0000_0000_0000UL)).AsDouble();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Abs(Vector512<double> a) =>
        Vector512.BitwiseAnd(a.AsUInt64(), Vector512.Create(0x7FFF_FFFF_FFFF_FFFFUL)).AsDouble();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> IfLess(Vector512<double> a, Vector512<double> b, Vector512<double> whenTrue, Vector512<double> whenFalse) =>
        Vector512.ConditionalSelect(Vector512.LessThan(a, b), whenTrue, whenFalse);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> IfGreater(Vector512<double> a, Vector512<double> b, Vector512<double> whenTrue, Vector512<double> whenFalse) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(a, b), whenTrue, whenFalse);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> IfEqual(Vector512<double> a, Vector512<double> b, Vector512<double> whenTrue, Vector512<double> whenFalse) =>
        Vector512.ConditionalSelect(Vector512.Equals(a, b), whenTrue, whenFalse);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllEqual(Vector512<double> a, double value) => Vector512.EqualsAll(a, Vector512.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> AsBits(Vector512<double> a) => a.AsUInt64();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> FromBits(Vector512<ulong> a) => a.AsDouble();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> SplatU(ulong value) => Vector512.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Sequence(ulong first) => Vector512.CreateSequence(first, 1UL);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> AddU(Vector512<ulong> a, Vector512<ulong> b) => a + b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> SubU(Vector512<ulong> a, Vector512<ulong> b) => a - b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> And(Vector512<ulong> a, Vector512<ulong> b) => a & b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Or(Vector512<ulong> a, Vector512<ulong> b) => a | b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Xor(Vector512<ulong> a, Vector512<ulong> b) => a ^ b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> ShiftLeft(Vector512<ulong> a, int count) => Vector512.ShiftLeft(a, count);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> ShiftRight(Vector512<ulong> a, int count) => Vector512.ShiftRightLogical(a, count);

    /// <summary>vpmuludq when available (multiplies the low 32 bits of each 64-bit lane into a 64-bit product);
    /// otherwise the general 64-bit multiply of the two low halves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> MulLow32(Vector512<ulong> a, Vector512<ulong> b) => Avx512F.IsSupported ? Avx512F.Multiply(a.AsUInt32(), b.AsUInt32()) : (a & Vector512.Create(0xFFFF_FFFFUL)) * (b & Vector512.Create(0xFFFF_FFFFUL));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreU(Vector512<ulong> value, ref ulong destination) => value.StoreUnsafe(ref destination);

    /// <summary>The index vectors of vpermt2pd for <see cref="StoreInterleaved"/>: element k of the first half is
    /// a[k/2] (index k/2) or b[k/2] (index 8 + k/2), by the parity of k; the second half continues from a[4].</summary>
    private static Vector512<long> LowPairs => Vector512.Create(0L, 8, 1, 9, 2, 10, 3, 11);

    private static Vector512<long> HighPairs => Vector512.Create(4L, 12, 5, 13, 6, 14, 7, 15);

    /// <inheritdoc/>
    /// <remarks>Two vpermt2pd (one two-source permute per output vector). Without AVX-512, element by element.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreInterleaved(Vector512<double> a, Vector512<double> b, ref double destination)
    {
        if (Avx512F.IsSupported)
        {
            Avx512F.PermuteVar8x64x2(a, LowPairs, b).StoreUnsafe(ref destination);
            Avx512F.PermuteVar8x64x2(a, HighPairs, b).StoreUnsafe(ref destination, 8);
            return;
        }

        for (int i = 0; i < 8; i++)
        {
            Unsafe.Add(ref destination, 2 * i) = a.GetElement(i);
            Unsafe.Add(ref destination, 2 * i + 1) = b.GetElement(i);
        }
    }
}
