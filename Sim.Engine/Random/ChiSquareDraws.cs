using System.Runtime.CompilerServices;
using Sim.Engine.Simd;

namespace Sim.Engine.Random;

/// <summary>
/// Constants of the Marsaglia-Tsang gamma sampler for a chi-square with <see cref="DegreesOfFreedom"/> degrees of
/// freedom: chi-square(ν) = 2·Gamma(ν/2, 1), and for shape a = ν/2 > 1 the sampler uses d = a − 1/3, c = 1/sqrt(9d).
/// </summary>
public readonly record struct ChiSquareParameters
{
    /// <summary>Parameters for ν > 2 (the Student-t model needs ν > 2 for a finite variance).</summary>
    public ChiSquareParameters(double degreesOfFreedom)
    {
        if (!(degreesOfFreedom > 2.0) || double.IsInfinity(degreesOfFreedom))
        {
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom,
                "degrees of freedom must be a finite number greater than 2");
        }

        DegreesOfFreedom = degreesOfFreedom;
        D = degreesOfFreedom / 2.0 - 1.0 / 3.0;
        C = 1.0 / Math.Sqrt(9.0 * D);
    }

    /// <summary>ν, the chi-square's degrees of freedom (above 2).</summary>
    public double DegreesOfFreedom { get; }
    /// <summary>Marsaglia-Tsang d = ν/2 − 1/3.</summary>
    public double D { get; }
    /// <summary>Marsaglia-Tsang c = 1/sqrt(9d).</summary>
    public double C { get; }
}

/// <summary>
/// Reproducible chi-square draws by Marsaglia and Tsang, "A Simple Method for Generating Gamma Variables",
/// ACM TOMS 26(3), 2000, made counter-based: attempt a (0, 1, 2, ...) of a (path, year) uses exactly two Philox
/// blocks, 2a (a Box-Muller normal x from its cosine half) and 2a + 1 (the acceptance uniform u from words 0-1).
/// The result of a path is the first accepted attempt, so it depends only on that path's own counters: vector
/// lanes that finish early just ignore the later attempts their neighbours need, and every width agrees.
/// </summary>
/// <remarks>
/// The acceptance rate for shape ≥ 1 is above 95%, so attempts beyond a handful are rare; after
/// <see cref="MaxAttempts"/> failures (probability below 10^-80) the draw falls back to 2d, close to the median.
/// </remarks>
public static class ChiSquareDraws
{
    /// <summary>Bound on attempts per draw.</summary>
    public const int MaxAttempts = 64;

    /// <summary>One chi-square(ν) draw per lane for counter word 2 = <paramref name="yearStream"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TD Draw<L, TD, TU>(TU paths, uint yearStream, PhiloxKey key, in ChiSquareParameters p)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        TD one = L.Splat(1.0);
        TD zero = L.Splat(0.0);
        TD d = L.Splat(p.D);
        TD c = L.Splat(p.C);
        TD result = d;
        TD done = zero;
        for (uint attempt = 0; attempt < MaxAttempts; attempt++)
        {
            LaneDraws.Words<L, TD, TU>(paths, yearStream, 2 * attempt, key, out TU w0, out TU w1, out TU w2, out TU w3);
            TD u1 = LaneDraws.Uniform<L, TD, TU>(w0, w1);
            TD u2 = LaneDraws.Uniform<L, TD, TU>(w2, w3);
            VMath.SinCos2Pi<L, TD, TU>(u2, out _, out TD cos);
            TD x = L.Mul(L.Sqrt(L.Mul(L.Splat(-2.0), VMath.Log<L, TD, TU>(u1))), cos);
            LaneDraws.Words<L, TD, TU>(paths, yearStream, 2 * attempt + 1, key, out TU a0, out TU a1, out _, out _);
            TD u = LaneDraws.Uniform<L, TD, TU>(a0, a1);

            TD t = L.Add(one, L.Mul(c, x));
            TD v = L.Mul(L.Mul(t, t), t);
            TD x2 = L.Mul(x, x);
            TD squeeze = L.Sub(one, L.Mul(L.Mul(L.Splat(0.0331), x2), x2));
            // ln(v) is evaluated for every lane; where v <= 0 its value is meaningless and the v > 0 test discards it.
            TD bound = L.Add(L.Mul(L.Splat(0.5), x2), L.Mul(d, L.Add(L.Sub(one, v), VMath.Log<L, TD, TU>(v))));
            TD accept = L.IfLess(u, squeeze, one, L.IfLess(VMath.Log<L, TD, TU>(u), bound, one, zero));
            accept = L.IfGreater(v, zero, accept, zero);

            TD fresh = L.IfEqual(done, zero, accept, zero);
            result = L.IfEqual(fresh, one, L.Mul(d, v), result);
            done = L.IfEqual(accept, one, one, done);
            if (L.AllEqual(done, 1.0))
            {
                break;
            }
        }

        return L.Mul(L.Splat(2.0), result);
    }
}
