using System.Runtime.CompilerServices;

namespace Sim.Engine.Simd;

/// <summary>
/// One lane: plain <see cref="double"/> and <see cref="ulong"/>. This is the reference ("scalar twin") every
/// vector width must reproduce bit for bit, and it handles the remainder paths of a block that do not fill a
/// whole vector.
/// </summary>
public readonly struct Lanes1 : ILanes<double, ulong>
{
    /// <inheritdoc/>
    public static int Count => 1;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Splat(double value) => value;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Load(ref double source) => source;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(double value, ref double destination) => destination = value;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Add(double a, double b) => a + b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sub(double a, double b) => a - b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Mul(double a, double b) => a * b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Div(double a, double b) => a / b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sqrt(double a) => Math.Sqrt(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Floor(double a) => Math.Floor(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Negate(double a) => BitConverter.UInt64BitsToDouble(BitConverter.DoubleToUInt64Bits(a) ^ 0x8000_0000_0000_0000UL);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Abs(double a) => BitConverter.UInt64BitsToDouble(BitConverter.DoubleToUInt64Bits(a) & 0x7FFF_FFFF_FFFF_FFFFUL);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double IfLess(double a, double b, double whenTrue, double whenFalse) => a < b ? whenTrue : whenFalse;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double IfGreater(double a, double b, double whenTrue, double whenFalse) => a > b ? whenTrue : whenFalse;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double IfEqual(double a, double b, double whenTrue, double whenFalse) => a == b ? whenTrue : whenFalse;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllEqual(double a, double value) => a == value;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong AsBits(double a) => BitConverter.DoubleToUInt64Bits(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double FromBits(ulong a) => BitConverter.UInt64BitsToDouble(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong SplatU(ulong value) => value;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Sequence(ulong first) => first;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong AddU(ulong a, ulong b) => a + b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong SubU(ulong a, ulong b) => a - b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong And(ulong a, ulong b) => a & b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Or(ulong a, ulong b) => a | b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Xor(ulong a, ulong b) => a ^ b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ShiftLeft(ulong a, int count) => a << count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ShiftRight(ulong a, int count) => a >> count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MulLow32(ulong a, ulong b) => (a & 0xFFFF_FFFFUL) * (b & 0xFFFF_FFFFUL);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreU(ulong value, ref ulong destination) => destination = value;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreInterleaved(double a, double b, ref double destination)
    {
        destination = a;
        Unsafe.Add(ref destination, 1) = b;
    }
}
