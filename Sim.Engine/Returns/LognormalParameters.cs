using Sim.Engine.Scenarios;
using Sim.Engine.Simd;

namespace Sim.Engine.Returns;

/// <summary>
/// Log-return parameters of one asset (spec 3): with arithmetic mean μ and standard deviation σ of the simple
/// return, s² = ln(1 + σ²/(1+μ)²) and m = ln(1+μ) − s²/2, so that r = e^(m + s·Z) − 1 with Z standard normal has
/// E[1+r] = 1+μ and Var[r] = σ². With σ = 0 the return is exactly μ (<see cref="IsConstant"/>).
/// </summary>
public readonly record struct LognormalParameters(double Mean, double Stdev, double M, double S)
{
    /// <summary>True when σ = 0: the model returns exactly <see cref="Mean"/>.</summary>
    public bool IsConstant => Stdev == 0.0;

    /// <summary>Parameters for mean and standard deviation; <paramref name="what"/> names the asset in errors.</summary>
    public static LognormalParameters From(MeanStdev ms, string what)
    {
        ArgumentNullException.ThrowIfNull(ms);
        if (!double.IsFinite(ms.Mean) || ms.Mean <= -1.0)
        {
            throw new ArgumentException($"{what}: the mean return must be a number above -1 (it is {ms.Mean})");
        }

        if (!double.IsFinite(ms.Stdev) || ms.Stdev < 0.0)
        {
            throw new ArgumentException($"{what}: the standard deviation must be a non-negative number (it is {ms.Stdev})");
        }

        // ElementaryFunctions rather than Math: the same bits on every machine, like the kernels.
        double onePlusMu = 1.0 + ms.Mean;
        double ratio = ms.Stdev / onePlusMu;
        double s2 = ElementaryFunctions.Log(1.0 + ratio * ratio);
        double m = ElementaryFunctions.Log(onePlusMu) - 0.5 * s2;
        return new LognormalParameters(ms.Mean, ms.Stdev, m, Math.Sqrt(s2));
    }
}
