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
    /// Social Security: other income plus pensions. The one-lane instance of <see cref="IncomeBelow{TL, TD, TU}"/>.</summary>
    public double IncomeBelow(YearPlan y, double index)
    {
        ArgumentNullException.ThrowIfNull(y);
        return IncomeBelow<Lanes1, double, ulong>(y, index, y.Income.Any ? y.Income.Pensions(index) : 0);
    }

    /// <summary><see cref="IncomeBelow(YearPlan, double)"/> per lane, from the lanes' <paramref name="pensions"/>
    /// (<see cref="IncomeYear.Pensions{TL, TD, TU}"/>; read only when the year has income).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TD IncomeBelow<TL, TD, TU>(YearPlan y, TD index, TD pensions)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        ArgumentNullException.ThrowIfNull(y);
        TD other = TL.Mul(TL.Splat(_otherIncome), index);
        return y.Income.Any ? TL.Add(other, pensions) : other;
    }

    /// <summary>
    /// Year <paramref name="y"/> pays no Social Security and its after-tax target's exact inverse
    /// (<see cref="TaxSchedule.GrossUp(double, double, double, double, double)"/> by brackets,
    /// <see cref="FlatTax.GrossUp(double, double, double, double, double)"/> flat) cannot meet its
    /// "tax plus penalty reach 100%" exception: the top rate plus <paramref name="penaltyRate"/> (the sum the
    /// inverse forms) stays below 1, so every piece's slope <c>1 − b·(r + p)</c> is positive for b in [0, 1].
    /// </summary>
    public bool ExactGrossUpWithoutBenefits(YearPlan y, double penaltyRate)
    {
        ArgumentNullException.ThrowIfNull(y);
        double top = y.Brackets is { } b ? MaxRate(b.Arrays.Rates) : _flatRate;
        return y.Income.SocialSecurityToday == 0 && top + penaltyRate < 1;
    }

    private static double MaxRate(ReadOnlySpan<double> rates)
    {
        double max = 0;
        foreach (double r in rates)
        {
            max = Math.Max(max, r);
        }

        return max;
    }

    /// <summary>
    /// The exact gross withdrawal without Social Security, lane by lane: the inverse of
    /// <c>W − [T(B + u) − T(B)] − penaltyRate · u</c> (B = <see cref="IncomeBelow{TL, TD, TU}"/>) by brackets
    /// (<see cref="TaxScheduleArrays.GrossUp{TL, TD, TU}"/>), or of the flat rate on u
    /// (<see cref="FlatTax.GrossUp{TL, TD, TU}"/>), u = fixedTaxable + taxableShare · W: the code the scalar
    /// <see cref="TaxSchedule.GrossUp(double, double, double, double, double)"/> and
    /// <see cref="FlatTax.GrossUp(double, double, double, double, double)"/> run as their one-lane instance. Requires
    /// <see cref="ExactGrossUpWithoutBenefits"/> (so the scalar would not throw). Not inlined: the walk up the
    /// brackets is large, and the caller's lane code keeps the JIT's inlining budget.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public TD GrossUpWithoutBenefits<TL, TD, TU>(YearPlan y, TD index, TD pensions, TD net, double penaltyRate,
        TD taxableShare, TD fixedTaxable)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        ArgumentNullException.ThrowIfNull(y);
        return y.Brackets is { } b
            ? b.Arrays.GrossUp<TL, TD, TU>(IncomeBelow<TL, TD, TU>(y, index, pensions), net, penaltyRate, taxableShare,
                fixedTaxable).Gross
            : FlatTax.GrossUp<TL, TD, TU>(_flatRate, penaltyRate, net, taxableShare, fixedTaxable).Gross;
    }

    /// <summary>
    /// The part of year <paramref name="y"/>'s tax with income that does not depend on the withdrawal, for the lanes
    /// of a vector (one path per lane, <paramref name="index"/> its inflation index): computed once, then used for the
    /// withdrawal's tax (<see cref="OnWithdrawal{TL, TD, TU}"/>) and the gross-up (<see cref="GrossUp{TL, TD, TU}"/>).
    /// Each lane performs <see cref="Split"/>'s operations in its order, so it holds the scalar's bits.
    /// Not inlined: it is large, and the caller's lane code keeps the JIT's inlining budget; the result is written
    /// to the caller's <paramref name="lanes"/> (six vectors: no copy of a returned struct).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Without<TL, TD, TU>(YearPlan y, TD index, out IncomeLanes<TD> lanes)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        ArgumentNullException.ThrowIfNull(y);
        TD ss = y.Income.SocialSecurity<TL, TD, TU>(index), pensions = y.Income.Pensions<TL, TD, TU>(index);
        if (y.Brackets is { } b)
        {
            var (before, taxWithout, alone) = HouseholdTax.BracketsWithout<TL, TD, TU>(b.Arrays, b.Status,
                TL.Mul(TL.Splat(_otherIncome), index), pensions, ss, noOtherIncome: _otherIncome == 0);
            lanes = new IncomeLanes<TD>(ss, pensions, before, TL.Splat(0.0), taxWithout, alone);
            return;
        }

        var (s0, flatAlone) = HouseholdTax.FlatWithout<TL, TD, TU>(_flatRate, _status, pensions, ss);
        lanes = new IncomeLanes<TD>(ss, pensions, pensions, s0, TL.Splat(0.0), flatAlone);
    }

    /// <summary><see cref="Split"/>'s tax on the withdrawal, per lane, from <see cref="Without{TL, TD, TU}"/> (not
    /// inlined, as <see cref="Without{TL, TD, TU}"/>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public TD OnWithdrawal<TL, TD, TU>(YearPlan y, in IncomeLanes<TD> w, TD taxable)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        ArgumentNullException.ThrowIfNull(y);
        return y.Brackets is { } b
            ? HouseholdTax.BracketsOnWithdrawal<TL, TD, TU>(b.Arrays, b.Status, w.Before, w.TaxBefore, w.Benefits, taxable)
            : HouseholdTax.FlatOnWithdrawal<TL, TD, TU>(_flatRate, _status, w.Pensions, w.TaxableBenefits, w.Benefits, taxable);
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
    public TD GrossUp<TL, TD, TU>(YearPlan y, in IncomeLanes<TD> w, TD net, double penaltyRate, TD taxableShare,
        TD fixedTaxable)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        ArgumentNullException.ThrowIfNull(y);
        // By brackets, as HouseholdTax.Brackets: below = magi = other + pensions, the tax before T(below + S(below)).
        // Flat, as HouseholdTax.Flat: the rate on u + S(pensions + u) − S(pensions), i.e. below = −S(pensions).
        return y.Brackets is { } b
            ? HouseholdGrossUp.Solve<TL, TD, TU>(b.Arrays, b.Status, w.Before, w.Before, w.Benefits, w.TaxBefore, net,
                penaltyRate, taxableShare, fixedTaxable)
            : HouseholdGrossUp.Solve<TL, TD, TU>(_flatSchedule, _status, TL.Negate(w.TaxableBenefits), w.Pensions,
                w.Benefits, TL.Splat(0.0), net, penaltyRate, taxableShare, fixedTaxable);
    }
}

/// <summary>Per lane, the part of a year's tax with income that does not depend on the withdrawal
/// (<see cref="HouseholdTaxation.Without{TL, TD, TU}"/>).</summary>
/// <param name="Benefits">The path's Social Security.</param>
/// <param name="Pensions">The path's pensions.</param>
/// <param name="Before">By brackets: other income + pensions; flat: pensions.</param>
/// <param name="TaxableBenefits">Flat: S(pensions); by brackets unused (0).</param>
/// <param name="TaxBefore">By brackets: T(before + S(before)); flat: 0.</param>
/// <param name="OnIncomeAlone">The tax the income pays on its own.</param>
public readonly record struct IncomeLanes<TD>(TD Benefits, TD Pensions, TD Before, TD TaxableBenefits, TD TaxBefore,
    TD OnIncomeAlone)
    where TD : struct;
