using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Sim.Engine.Simd;

/// <summary>
/// Span versions of <see cref="VMath"/> at a chosen width (whole vectors at that width, the remainder through
/// <see cref="Lanes1"/>), and scalar shortcuts. Used by tests and by set-up code that must agree bit for bit with
/// the kernels on every machine (Math.Log and Math.Exp come from the platform's C library and may differ).
/// </summary>
public static class ElementaryFunctions
{
    /// <summary>Natural logarithm, same bits as the vector kernels.</summary>
    public static double Log(double x) => VMath.Log<Lanes1, double, ulong>(x);

    /// <summary>e^x, same bits as the vector kernels.</summary>
    public static double Exp(double x) => VMath.Exp<Lanes1, double, ulong>(x);

    /// <summary>(sin 2πu, cos 2πu), same bits as the vector kernels.</summary>
    public static (double Sin, double Cos) SinCos2Pi(double u)
    {
        VMath.SinCos2Pi<Lanes1, double, ulong>(u, out double s, out double c);
        return (s, c);
    }

    /// <summary>destination[i] = ln(x[i]).</summary>
    public static void Log(ReadOnlySpan<double> x, Span<double> destination, SimdWidth width = SimdWidth.Auto) =>
        Map<LogOp>(x, destination, width);

    /// <summary>destination[i] = e^x[i].</summary>
    public static void Exp(ReadOnlySpan<double> x, Span<double> destination, SimdWidth width = SimdWidth.Auto) =>
        Map<ExpOp>(x, destination, width);

    /// <summary>sin[i] = sin(2π u[i]), cos[i] = cos(2π u[i]).</summary>
    public static void SinCos2Pi(ReadOnlySpan<double> u, Span<double> sin, Span<double> cos, SimdWidth width = SimdWidth.Auto)
    {
        if (sin.Length < u.Length || cos.Length < u.Length)
        {
            throw new ArgumentException("destinations are shorter than the input");
        }

        ref double src = ref MemoryMarshal.GetReference(u);
        ref double s = ref MemoryMarshal.GetReference(sin);
        ref double c = ref MemoryMarshal.GetReference(cos);
        var range = new SinCosRange(ref src, ref s, ref c);
        WidthDriver.RunRange(width, u.Length, ref range);
    }

    private readonly ref struct SinCosRange(ref double src, ref double sin, ref double cos) : ILaneRange
    {
        private readonly ref double _src = ref src;
        private readonly ref double _sin = ref sin;
        private readonly ref double _cos = ref cos;

        public int Run<L, TD, TU>(int start, int end)
            where L : struct, ILanes<TD, TU>
            where TD : struct
            where TU : struct => SinCos<L, TD, TU>(start, end, ref _src, ref _sin, ref _cos);
    }

    /// <summary>destination[i] = e^(m + s·z[i]) − 1: the lognormal mapping of a standard normal to a simple return.</summary>
    public static void LognormalReturn(double m, double s, ReadOnlySpan<double> z, Span<double> destination,
        SimdWidth width = SimdWidth.Auto)
    {
        if (destination.Length < z.Length)
        {
            throw new ArgumentException("the destination is shorter than the input", nameof(destination));
        }

        ref double src = ref MemoryMarshal.GetReference(z);
        ref double dst = ref MemoryMarshal.GetReference(destination);
        var range = new LognormalRange(m, s, ref src, ref dst);
        WidthDriver.RunRange(width, z.Length, ref range);
    }

    private readonly ref struct LognormalRange(double m, double s, ref double src, ref double dst) : ILaneRange
    {
        private readonly ref double _src = ref src;
        private readonly ref double _dst = ref dst;

        public int Run<L, TD, TU>(int start, int end)
            where L : struct, ILanes<TD, TU>
            where TD : struct
            where TU : struct => Lognormal<L, TD, TU>(start, end, m, s, ref _src, ref _dst);
    }

    private interface IUnaryOp
    {
        static abstract TD Apply<L, TD, TU>(TD x)
            where L : struct, ILanes<TD, TU>
            where TD : struct
            where TU : struct;
    }

    private readonly struct LogOp : IUnaryOp
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TD Apply<L, TD, TU>(TD x)
            where L : struct, ILanes<TD, TU>
            where TD : struct
            where TU : struct => VMath.Log<L, TD, TU>(x);
    }

    private readonly struct ExpOp : IUnaryOp
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TD Apply<L, TD, TU>(TD x)
            where L : struct, ILanes<TD, TU>
            where TD : struct
            where TU : struct => VMath.Exp<L, TD, TU>(x);
    }

    private static void Map<TOp>(ReadOnlySpan<double> x, Span<double> destination, SimdWidth width)
        where TOp : struct, IUnaryOp
    {
        if (destination.Length < x.Length)
        {
            throw new ArgumentException("the destination is shorter than the input", nameof(destination));
        }

        ref double src = ref MemoryMarshal.GetReference(x);
        ref double dst = ref MemoryMarshal.GetReference(destination);
        var range = new MapRange<TOp>(ref src, ref dst);
        WidthDriver.RunRange(width, x.Length, ref range);
    }

    private readonly ref struct MapRange<TOp>(ref double src, ref double dst) : ILaneRange
        where TOp : struct, IUnaryOp
    {
        private readonly ref double _src = ref src;
        private readonly ref double _dst = ref dst;

        public int Run<L, TD, TU>(int start, int end)
            where L : struct, ILanes<TD, TU>
            where TD : struct
            where TU : struct => Map<TOp, L, TD, TU>(start, end, ref _src, ref _dst);
    }

    private static int Map<TOp, L, TD, TU>(int start, int end, ref double src, ref double dst)
        where TOp : struct, IUnaryOp
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        int i = start;
        for (; i <= end - L.Count; i += L.Count)
        {
            L.Store(TOp.Apply<L, TD, TU>(L.Load(ref Unsafe.Add(ref src, i))), ref Unsafe.Add(ref dst, i));
        }

        return i;
    }

    private static int SinCos<L, TD, TU>(int start, int end, ref double src, ref double sin, ref double cos)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        int i = start;
        for (; i <= end - L.Count; i += L.Count)
        {
            VMath.SinCos2Pi<L, TD, TU>(L.Load(ref Unsafe.Add(ref src, i)), out TD s, out TD c);
            L.Store(s, ref Unsafe.Add(ref sin, i));
            L.Store(c, ref Unsafe.Add(ref cos, i));
        }

        return i;
    }

    private static int Lognormal<L, TD, TU>(int start, int end, double m, double s, ref double src, ref double dst)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        TD vm = L.Splat(m);
        TD vs = L.Splat(s);
        int i = start;
        for (; i <= end - L.Count; i += L.Count)
        {
            TD x = L.Add(vm, L.Mul(vs, L.Load(ref Unsafe.Add(ref src, i))));
            L.Store(L.Sub(VMath.Exp<L, TD, TU>(x), L.Splat(1.0)), ref Unsafe.Add(ref dst, i));
        }

        return i;
    }
}
