using System.Runtime.CompilerServices;
using Sim.Engine.Simd;

namespace Sim.Engine.Rules;

/// <summary>
/// The flat effective-rate tax option (spec 8: <c>taxes.method = flat</c>, default 22%). Not a statutory rule: an
/// analyst's simplification of the ordinary-income taxation of distributions (IRC 402(a), 72); it ignores other
/// income (spec 12).
/// </summary>
public static class FlatTax
{
    /// <summary>Tax on a taxable withdrawal: <c>rate · withdrawal</c> (0 for a non-positive withdrawal).</summary>
    public static double Tax(double rate, double withdrawal) => withdrawal > 0.0 ? rate * withdrawal : 0.0;

    /// <summary>
    /// The gross withdrawal whose net after flat tax and penalty (both on the whole withdrawal) is
    /// <paramref name="net"/>: <c>net / (1 − rate − penaltyRate)</c>; 0 for <c>net ≤ 0</c>.
    /// </summary>
    public static double GrossUp(double rate, double penaltyRate, double net) => GrossUp(rate, penaltyRate, net, 1.0, 0.0);

    /// <summary>
    /// General form for a taxable part affine in the withdrawal, taxable(w) = <c>fixedTaxable + taxableShare · w</c>:
    /// <c>w = (net + (rate + penaltyRate) · fixedTaxable) / (1 − (rate + penaltyRate) · taxableShare)</c>, at least 0.
    /// </summary>
    public static double GrossUp(double rate, double penaltyRate, double net, double taxableShare, double fixedTaxable)
    {
        // The one-lane instance of the lane form (the vectorized distribution phase runs the same code).
        var (gross, slope) = GrossUp<Lanes1, double, ulong>(rate, penaltyRate, net, taxableShare, fixedTaxable);
        if (slope <= 0.0)
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "Tax plus penalty must stay below 100%.");
        }

        return gross;
    }

    /// <summary>
    /// <see cref="GrossUp(double, double, double, double, double)"/> per lane: <c>t = rate + penaltyRate</c>, the
    /// slope <c>1 − t · taxableShare</c> (returned for the scalar's check, &gt; 0) and <c>Math.Max(0, (net + t ·
    /// fixedTaxable) / slope)</c> as selects (x &lt; 0 → 0, ±0 → +0, else x: NaN stays NaN, as Math.Max).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (TD Gross, TD Slope) GrossUp<TL, TD, TU>(double rate, double penaltyRate, TD net, TD taxableShare,
        TD fixedTaxable)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        TD zero = TL.Splat(0.0);
        TD t = TL.Splat(rate + penaltyRate);
        TD slope = TL.Sub(TL.Splat(1.0), TL.Mul(t, taxableShare));
        TD w = TL.Div(TL.Add(net, TL.Mul(t, fixedTaxable)), slope);
        return (TL.IfLess(w, zero, zero, TL.IfEqual(w, zero, zero, w)), slope);
    }
}
