using System.Runtime.CompilerServices;
using Sim.Engine.Rules;
using Sim.Engine.Scenarios;
using Sim.Engine.Simd;

namespace Sim.Engine.Simulation;

/// <summary>
/// The household's tax settings, the same every year (flat rate, filing status, other income in today's dollars),
/// and the year's tax when there is income outside the account (docs/model.md section 11): the part charged to the
/// withdrawal, with the benefits it makes taxable (IRC 86), and the part the income pays on its own. The kernel and
/// the spendingNeed policy both ask here, so the two cannot disagree.
/// </summary>
public sealed class HouseholdTaxation
{
    private readonly double _flatRate;
    private readonly FilingStatus _status;
    private readonly double _otherIncome;
    /// <summary>The flat rate as a one-bracket schedule, for the exact gross-up.</summary>
    private readonly TaxScheduleArrays _flatSchedule;

    private HouseholdTaxation(double flatRate, FilingStatus status, double otherIncome)
    {
        _flatRate = flatRate;
        _status = status;
        _otherIncome = otherIncome;
        _flatSchedule = TaxScheduleArrays.Flat(flatRate);
    }

    /// <summary>The settings of <paramref name="scenario"/>.</summary>
    public static HouseholdTaxation Of(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new HouseholdTaxation(scenario.Taxes.Rate, scenario.Taxes.FilingStatus, scenario.Taxes.OtherIncome);
    }

    /// <summary>Year <paramref name="y"/>'s tax on a taxable withdrawal of <paramref name="taxable"/> for a path with
    /// index <paramref name="index"/>: (charged to the withdrawal, paid by the income alone). Without income the first
    /// is the old increment T(other + W) − T(other) and the second 0.</summary>
    public (double OnWithdrawal, double OnIncomeAlone) Split(YearPlan y, double index, double taxable)
    {
        ArgumentNullException.ThrowIfNull(y);
        double ss = y.Income.SocialSecurity(index), pensions = y.Income.Pensions(index);
        return y.Brackets is { } b
            ? HouseholdTax.Brackets(b, _otherIncome * index, pensions, ss, taxable)
            : HouseholdTax.Flat(_flatRate, _status, pensions, ss, taxable);
    }

    /// <summary>The tax the year's income streams pay on their own (0 without income).</summary>
    public double IncomeAlone(YearPlan y, double index)
    {
        ArgumentNullException.ThrowIfNull(y);
        return y.Income.Any ? Split(y, index, 0).OnIncomeAlone : 0;
    }

    /// <summary>Other ordinary income below the withdrawal for the exact gross-up when there are pensions but no
    /// Social Security: other income plus pensions.</summary>
    public double IncomeBelow(YearPlan y, double index)
    {
        ArgumentNullException.ThrowIfNull(y);
        return y.Income.Any ? _otherIncome * index + y.Income.Pensions(index) : _otherIncome * index;
    }

    /// <summary><see cref="Split"/> for the lanes of a vector (one path per lane, <paramref name="index"/> its
    /// inflation index): the same operations in the same order, so each lane holds the scalar's bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (TD OnWithdrawal, TD OnIncomeAlone) Split<TL, TD, TU>(YearPlan y, TD index, TD taxable)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        ArgumentNullException.ThrowIfNull(y);
        (TD ss, TD pensions) = Streams<TL, TD, TU>(y, index);
        return y.Brackets is { } b
            ? HouseholdTax.Brackets<TL, TD, TU>(b.Arrays, b.Status, TL.Mul(TL.Splat(_otherIncome), index), pensions, ss, taxable)
            : HouseholdTax.Flat<TL, TD, TU>(_flatRate, _status, pensions, ss, taxable);
    }

    /// <summary><see cref="IncomeAlone"/> for the lanes of a vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TD IncomeAlone<TL, TD, TU>(YearPlan y, TD index)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        ArgumentNullException.ThrowIfNull(y);
        return y.Income.Any ? Split<TL, TD, TU>(y, index, TL.Splat(0.0)).OnIncomeAlone : TL.Splat(0.0);
    }

    /// <summary>
    /// Year <paramref name="y"/> pays Social Security and its after-tax target can be solved by the exact inverse
    /// (<see cref="HouseholdGrossUp"/>): net rises with the withdrawal even where each dollar also makes 85 cents of
    /// benefits taxable, at the year's top rate plus the 10% additional tax.
    /// </summary>
    public bool ExactGrossUpWithBenefits(YearPlan y)
    {
        ArgumentNullException.ThrowIfNull(y);
        double top = y.Brackets is { } b ? b.Arrays.Rates[^1] : _flatRate;
        return y.Income.SocialSecurityToday != 0 && HouseholdGrossUp.IsIncreasing(top, EarlyWithdrawalPenalty.Rate);
    }

    /// <summary>
    /// The exact gross withdrawal whose net, <c>W − Split(u).OnWithdrawal − penaltyRate · u</c> with
    /// <c>u = fixedTaxable + taxableShare · W</c>, is <paramref name="net"/> (<see cref="HouseholdGrossUp"/>), lane by
    /// lane; 0 where net ≤ 0. Requires <see cref="ExactGrossUpWithBenefits"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TD GrossUp<TL, TD, TU>(YearPlan y, TD index, TD net, double penaltyRate, TD taxableShare, TD fixedTaxable)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        ArgumentNullException.ThrowIfNull(y);
        (TD ss, TD pensions) = Streams<TL, TD, TU>(y, index);
        if (y.Brackets is { } b)
        {
            // As HouseholdTax.Brackets: below = other + pensions, and the tax before the withdrawal T(below + S(below)).
            TD before = TL.Add(TL.Mul(TL.Splat(_otherIncome), index), pensions);
            TD taxBefore = b.Arrays.TaxOnGross<TL, TD, TU>(TL.Add(before, TaxableSocialSecurity.Amount<TL, TD, TU>(ss, before, b.Status)));
            return HouseholdGrossUp.Solve<TL, TD, TU>(b.Arrays, b.Status, before, before, ss, taxBefore, net, penaltyRate,
                taxableShare, fixedTaxable);
        }

        // As HouseholdTax.Flat: the rate on u + S(pensions + u) − S(pensions).
        TD s0 = TaxableSocialSecurity.Amount<TL, TD, TU>(ss, pensions, _status);
        return HouseholdGrossUp.Solve<TL, TD, TU>(_flatSchedule, _status, TL.Negate(s0), pensions, ss, TL.Splat(0.0), net,
            penaltyRate, taxableShare, fixedTaxable);
    }

    /// <summary>A path's (Social Security, pensions) per lane, as <see cref="IncomeYear"/> computes them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TD SocialSecurity, TD Pensions) Streams<TL, TD, TU>(YearPlan y, TD index)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct =>
        (y.Income.SocialSecurity<TL, TD, TU>(index), y.Income.Pensions<TL, TD, TU>(index));
}
