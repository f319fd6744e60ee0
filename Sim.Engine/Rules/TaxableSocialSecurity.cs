using System.Runtime.CompilerServices;
using Sim.Engine.Scenarios;
using Sim.Engine.Simd;

namespace Sim.Engine.Rules;

/// <summary>
/// The part of Social Security benefits included in gross income (IRC 86; IRS Publication 915, worksheet 1).
/// docs/model.md section 11.
/// </summary>
/// <remarks>
/// Provisional income PI = modified AGI without the benefits + ½ of the benefits (86(b)(1)). Base amount 25,000
/// single / 32,000 mfj and adjusted base amount 34,000 / 44,000 (86(c)); these are fixed in the statute and not
/// indexed for inflation, which is why a growing share of benefits becomes taxable over the years.
/// Taxable = 0 up to the base amount; min(½·SS, ½·(PI − base)) up to the adjusted base (86(a)(1));
/// above it, min(0.85·SS, 0.85·(PI − adjusted) + min(½·SS, ½·(adjusted − base))) (86(a)(2)), where
/// ½·(adjusted − base) is 4,500 single and 6,000 mfj. Married filing separately is not modelled.
/// </remarks>
public static class TaxableSocialSecurity
{
    /// <summary>86(c)(1)(A) and (B): the base amount.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double BaseAmount(FilingStatus status) => status == FilingStatus.Mfj ? 32_000 : 25_000;

    /// <summary>86(c)(2)(A) and (B): the adjusted base amount.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double AdjustedBaseAmount(FilingStatus status) => status == FilingStatus.Mfj ? 44_000 : 34_000;

    /// <summary>The taxable part of <paramref name="benefits"/> (the year's Social Security, gross) given
    /// <paramref name="otherIncome"/>, the modified AGI without them (other income, pensions, taxable withdrawals).
    /// </summary>
    /// <remarks>The rule is written once, in <see cref="Amount{TL, TD, TU}"/>; this is its one-lane instance, so the
    /// per-path and the vectorized phases cannot disagree.</remarks>
    public static double Amount(double benefits, double otherIncome, FilingStatus status) =>
        Amount<Lanes1, double, ulong>(benefits, otherIncome, status);

    /// <summary>
    /// The rule for the lanes of a vector (each lane one household; <see cref="Lanes1"/> for one): 0 unless the benefits
    /// are positive and provisional income exceeds the base amount; every branch a per-lane select (both sides
    /// computed), <c>min(a, b)</c> as <c>a &lt; b ? a : b</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TD Amount<TL, TD, TU>(TD benefits, TD otherIncome, FilingStatus status)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        double baseAmount = BaseAmount(status), adjusted = AdjustedBaseAmount(status);
        TD zero = TL.Splat(0.0);
        TD half = TL.Mul(TL.Splat(0.5), benefits);
        TD provisional = TL.Add(otherIncome, half);
        // base < PI <= adjusted: min(½·SS, ½·(PI − base)).
        TD below = TL.Mul(TL.Splat(0.5), TL.Sub(provisional, TL.Splat(baseAmount)));
        TD tier1 = TL.IfLess(half, below, half, below);
        // PI > adjusted: min(0.85·SS, 0.85·(PI − adjusted) + min(½·SS, ½·(adjusted − base))).
        TD capFirst = TL.Splat(0.5 * (adjusted - baseAmount));
        TD firstTier = TL.IfLess(half, capFirst, half, capFirst);
        TD most = TL.Mul(TL.Splat(0.85), benefits);
        TD above = TL.Add(TL.Mul(TL.Splat(0.85), TL.Sub(provisional, TL.Splat(adjusted))), firstTier);
        TD tier2 = TL.IfLess(most, above, most, above);
        TD taxable = TL.IfGreater(provisional, TL.Splat(adjusted), tier2, tier1);
        taxable = TL.IfGreater(provisional, TL.Splat(baseAmount), taxable, zero);
        return TL.IfGreater(benefits, zero, taxable, zero);
    }
}
