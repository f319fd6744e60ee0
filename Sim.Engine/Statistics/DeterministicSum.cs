using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Sim.Engine.Statistics;

/// <summary>
/// A sum whose result does not depend on the vector width. Floating-point addition is not associative, so a
/// width-dependent order (as in TensorPrimitives.Sum) would change the last bits of every mean between AVX-512, AVX2
/// and scalar. Here the order is fixed: eight interleaved partial sums (element i goes to partial i mod 8), combined
/// as ((s0+s1)+(s2+s3))+((s4+s5)+(s6+s7)), then the tail of fewer than eight elements in order. Vector512 holds the
/// eight partials in one register, Vector256 in two (lanes 0-3 and 4-7), the scalar path in eight locals: the same
/// additions in the same order, hence the same bits.
/// </summary>
public static class DeterministicSum
{
    /// <summary>The sum of <paramref name="values"/>, bit-identical whatever the vector width.</summary>
    public static double Sum(ReadOnlySpan<double> values)
    {
        ref double x = ref MemoryMarshal.GetReference(values);
        int n = values.Length, body = n & ~7;
        double s0, s1, s2, s3, s4, s5, s6, s7;
        if (Vector512.IsHardwareAccelerated)
        {
            var acc = Vector512<double>.Zero;
            for (int i = 0; i < body; i += 8)
            {
                acc += Vector512.LoadUnsafe(ref x, (nuint)i);
            }

            (s0, s1, s2, s3, s4, s5, s6, s7) = (acc[0], acc[1], acc[2], acc[3], acc[4], acc[5], acc[6], acc[7]);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Vector256<double> lo = Vector256<double>.Zero, hi = Vector256<double>.Zero;
            for (int i = 0; i < body; i += 8)
            {
                lo += Vector256.LoadUnsafe(ref x, (nuint)i);
                hi += Vector256.LoadUnsafe(ref x, (nuint)(i + 4));
            }

            (s0, s1, s2, s3, s4, s5, s6, s7) = (lo[0], lo[1], lo[2], lo[3], hi[0], hi[1], hi[2], hi[3]);
        }
        else
        {
            s0 = s1 = s2 = s3 = s4 = s5 = s6 = s7 = 0;
            for (int i = 0; i < body; i += 8)
            {
                s0 += Unsafe.Add(ref x, i);
                s1 += Unsafe.Add(ref x, i + 1);
                s2 += Unsafe.Add(ref x, i + 2);
                s3 += Unsafe.Add(ref x, i + 3);
                s4 += Unsafe.Add(ref x, i + 4);
                s5 += Unsafe.Add(ref x, i + 5);
                s6 += Unsafe.Add(ref x, i + 6);
                s7 += Unsafe.Add(ref x, i + 7);
            }
        }

        double sum = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
        for (int i = body; i < n; i++)
        {
            sum += Unsafe.Add(ref x, i);
        }

        return sum;
    }

    /// <summary>The scalar definition the vector paths must equal (for tests).</summary>
    public static double Reference(ReadOnlySpan<double> values)
    {
        Span<double> s = stackalloc double[8];
        s.Clear();
        int body = values.Length & ~7;
        for (int i = 0; i < body; i++)
        {
            s[i & 7] += values[i];
        }

        double sum = ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
        for (int i = body; i < values.Length; i++)
        {
            sum += values[i];
        }

        return sum;
    }
}
