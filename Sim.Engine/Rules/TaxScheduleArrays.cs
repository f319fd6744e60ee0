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

    /// <summary>The thresholds above the first that <see cref="TaxOnGross{TL, TD, TU}"/> always scans: most incomes lie
    /// in the lowest brackets, so testing whether a vector can stop costs more there than the selects it saves, and a
    /// stop whose position varies from vector to vector is a mispredicted branch.</summary>
    private const int AlwaysScanned = 2;

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
    /// where <c>!(x &gt; g[0])</c>. Past the first <see cref="AlwaysScanned"/> thresholds, the scan stops at the first
    /// threshold above every lane's x: the thresholds ascend, so no later one would be selected (a NaN lane never
    /// stops it, as it selects every threshold).
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
            if (n > AlwaysScanned && TL.AllEqual(TL.IfLess(x, t, one, zero), 1.0))
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

    /// <summary>
    /// <see cref="TaxSchedule.GrossUp(double, double, double, double, double)"/> per lane, where the rule is written
    /// once (the scalar is the <see cref="Lanes1"/> instance): the smallest <c>w ≥ 0</c> with
    /// <c>w − [T(other + u) − T(other)] − penaltyRate · u = net</c>, <c>u = fixedTaxable + taxableShare · w</c>
    /// (0 when <c>net ≤ net(0)</c>; <c>net − net(0)</c> when nothing more is taxable), and the final piece's slope
    /// <c>1 − b · (r + p)</c> (1 on the early returns) that the scalar checks (&gt; 0, else no finite answer).
    /// </summary>
    /// <remarks>
    /// <para>The scalar walks the linear pieces of T up from the bracket of <c>x0 = other + fixedTaxable</c>: from
    /// k = last bracket with <c>g[k] ≤ x0</c> (or −1 below the deduction) it steps to k + 1 while
    /// <c>net &gt; net(w)</c> at <c>w = (g[k+1] − x0) / b</c>, then solves the piece's line. Per lane, a walk of
    /// fixed length over the thresholds does the same: a threshold at or below x0 is taken (the bracket search, a
    /// prefix because the thresholds ascend), a threshold above it is taken while the lane is still walking and its
    /// test passes, and the first failed test stops the lane for good. Each lane therefore takes exactly the scalar's
    /// steps, with the scalar's operations in its order (net(w) = ((w − T(x0 + b·w)) + constant) − (p·b)·w, T as
    /// <see cref="TaxOnGross{TL, TD, TU}"/>); tests a lane would not make are computed and discarded. The walk ends
    /// once no lane walks (a uniform branch: for <see cref="Lanes1"/> exactly where the scalar stops), and a
    /// threshold below every lane's x0 evaluates no net.</para>
    /// <para>The early returns are selects in the scalar's precedence: <c>net ≤ net(0)</c> first (as
    /// <c>net &lt; n0 || net == n0</c>, so a NaN falls through as in the scalar), then <c>b == 0</c>. The discarded
    /// sides may hold ±∞ or NaN (a division by b = 0).</para>
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (TD Gross, TD Slope) GrossUp<TL, TD, TU>(TD otherIncome, TD net, double penaltyRate, TD taxableShare,
        TD fixedTaxable)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        double[] g = _grossThresholds, r = _rates, c = _cumulativeTax;
        TD zero = TL.Splat(0.0), one = TL.Splat(1.0), p = TL.Splat(penaltyRate), b = taxableShare;
        // T(other), and T(x0 + b·0) for net(0): each skipped where every lane already has its value (T(0) = +0, as
        // T(±0) is; and x0 + b·0 = x0 equal to other, as without an RMD, gives T(other)), the same bits without the
        // bracket scans.
        TD t0 = TL.AllEqual(otherIncome, 0.0) ? zero : TaxOnGross<TL, TD, TU>(otherIncome);
        TD x0 = TL.Add(otherIncome, fixedTaxable);
        TD constant = TL.Sub(t0, TL.Mul(p, fixedTaxable));
        TD pb = TL.Mul(p, b);
        TD at0 = TL.Add(x0, TL.Mul(b, zero));
        TD tax0 = TL.AllEqual(TL.IfEqual(at0, otherIncome, one, zero), 1.0) ? t0 : TaxOnGross<TL, TD, TU>(at0);
        TD net0 = TL.Sub(TL.Add(TL.Sub(zero, tax0), constant), TL.Mul(pb, zero));

        // (ck, rk, gk) of the bracket reached, 0 below the deduction; walking = 1 while the lane may still step.
        TD ck = zero, rk = zero, gk = zero, walking = one;
        for (int n = 0; n < g.Length; n++)
        {
            TD gn = TL.Splat(g[n]);
            // g[n] ≤ x0: inside the bracket search, taken. Above: taken while walking and net > net((g[n] − x0)/b).
            TD above = TL.IfLess(x0, gn, one, zero);
            TD step = one;
            if (!TL.AllEqual(above, 0.0))
            {
                TD netAt = NetAt<TL, TD, TU>(TL.Div(TL.Sub(gn, x0), b), x0, b, constant, pb);
                TD passes = TL.IfGreater(net, netAt, walking, zero);
                step = TL.IfEqual(above, one, passes, one);
            }

            ck = TL.IfEqual(step, one, TL.Splat(c[n]), ck);
            rk = TL.IfEqual(step, one, TL.Splat(r[n]), rk);
            gk = TL.IfEqual(step, one, gn, gk);
            walking = step;
            if (TL.AllEqual(walking, 0.0))
            {
                break;
            }
        }

        // w = (net + c + r·(x0 − g) − constant) / (1 − b·(r + p)) on the piece reached.
        TD slope = TL.Sub(one, TL.Mul(b, TL.Add(rk, p)));
        TD w = TL.Div(TL.Sub(TL.Add(TL.Add(net, ck), TL.Mul(rk, TL.Sub(x0, gk))), constant), slope);
        TD noShare = TL.Sub(net, net0);
        w = TL.IfEqual(b, zero, noShare, w);
        slope = TL.IfEqual(b, zero, one, slope);
        // net <= net(0) ? 0.
        TD reached = TL.IfLess(net, net0, zero, TL.IfEqual(net, net0, zero, one));
        return (TL.IfEqual(reached, one, w, zero), TL.IfEqual(reached, one, slope, one));
    }

    /// <summary>The scalar gross-up's <c>net(w) = w − T(x0 + b·w) + constant − p·b·w</c>, its operations in its
    /// order (<paramref name="pb"/> = p·b).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private TD NetAt<TL, TD, TU>(TD w, TD x0, TD b, TD constant, TD pb)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct =>
        TL.Sub(TL.Add(TL.Sub(w, TaxOnGross<TL, TD, TU>(TL.Add(x0, TL.Mul(b, w)))), constant), TL.Mul(pb, w));

    /// <summary>A flat rate as a one-bracket schedule: 0 up to 0, then <paramref name="rate"/> (the form the exact
    /// gross-up walks, <see cref="HouseholdGrossUp"/>).</summary>
    internal static TaxScheduleArrays Flat(double rate) => new([0.0], [rate], [0.0]);
}
