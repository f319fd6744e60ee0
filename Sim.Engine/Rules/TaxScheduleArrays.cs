using System.Runtime.CompilerServices;
using Sim.Engine.Simd;

namespace Sim.Engine.Rules;

/// <summary>
/// The raw piecewise-linear form of a <see cref="TaxSchedule"/> in gross-income terms, for vectorized evaluators.
/// For gross income <c>x</c>: tax = 0 when <c>x ≤ GrossThresholds[0]</c> (the standard deduction); otherwise,
/// with <c>k</c> the last index such that <c>GrossThresholds[k] ≤ x</c>,
/// tax = <c>CumulativeTax[k] + Rates[k] · (x − GrossThresholds[k])</c>.
/// <see cref="TaxSchedule.TaxOnGrossIncome"/> evaluates exactly this expression, so a vectorized twin that does the
/// same operations returns bit-identical results.
/// </summary>
public sealed class TaxScheduleArrays
{
    private readonly double[] _grossThresholds;
    private readonly double[] _rates;
    private readonly double[] _cumulativeTax;

    internal TaxScheduleArrays(double[] grossThresholds, double[] rates, double[] cumulativeTax)
    {
        _grossThresholds = grossThresholds;
        _rates = rates;
        _cumulativeTax = cumulativeTax;
    }

    /// <summary>Number of brackets.</summary>
    public int Count => _rates.Length;

    /// <summary>Bracket starts in gross income: standard deduction + the bracket's taxable-income threshold.</summary>
    public ReadOnlySpan<double> GrossThresholds => _grossThresholds;

    /// <summary>Marginal rate of each bracket.</summary>
    public ReadOnlySpan<double> Rates => _rates;

    /// <summary>Tax due at each bracket start (0 for the first).</summary>
    public ReadOnlySpan<double> CumulativeTax => _cumulativeTax;

    /// <summary>
    /// <see cref="TaxSchedule.TaxOnGrossIncome"/> per lane: the bracket search (last k with threshold[k] ≤ x) is a
    /// linear scan of selects over the ascending thresholds, then the same <c>c[k] + r[k] · (x − g[k])</c>, and 0
    /// where <c>!(x &gt; g[0])</c>. The scan stops at the first threshold above every lane's x: the thresholds
    /// ascend, so no later one would be selected (a NaN lane never stops it, as it selects every threshold).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TD TaxOnGross<TL, TD, TU>(TD x)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        double[] g = _grossThresholds, r = _rates, c = _cumulativeTax;
        TD g0 = TL.Splat(g[0]);
        TD gk = g0, rk = TL.Splat(r[0]), ck = TL.Splat(c[0]);
        TD one = TL.Splat(1.0), zero = TL.Splat(0.0);
        for (int n = 1; n < g.Length; n++)
        {
            TD t = TL.Splat(g[n]);
            if (TL.AllEqual(TL.IfLess(x, t, one, zero), 1.0))
            {
                break;
            }

            // x < g[n] keeps the lower bracket; otherwise g[n] ≤ x and bracket n is a candidate.
            gk = TL.IfLess(x, t, gk, t);
            rk = TL.IfLess(x, t, rk, TL.Splat(r[n]));
            ck = TL.IfLess(x, t, ck, TL.Splat(c[n]));
        }

        TD tax = TL.Add(ck, TL.Mul(rk, TL.Sub(x, gk)));
        return TL.IfGreater(x, g0, tax, TL.Splat(0.0));
    }

    /// <summary>A flat rate as a one-bracket schedule: 0 up to 0, then <paramref name="rate"/> (the form the exact
    /// gross-up walks, <see cref="HouseholdGrossUp"/>).</summary>
    internal static TaxScheduleArrays Flat(double rate) => new([0.0], [rate], [0.0]);
}
