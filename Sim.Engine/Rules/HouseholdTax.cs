using System.Runtime.CompilerServices;
using Sim.Engine.Scenarios;
using Sim.Engine.Simd;

namespace Sim.Engine.Rules;

/// <summary>
/// The year's federal income tax when the household also has pensions and Social Security, split into the part
/// charged to the account's withdrawal and the part the income would pay on its own (docs/model.md section 11).
/// </summary>
/// <remarks>
/// With O other income, P pensions, SS benefits and W the taxable withdrawal, S(x) = the taxable benefits (IRC 86)
/// when x is withdrawn. By brackets: on the withdrawal <c>T(O + P + S(W) + W) − T(O + P + S(0))</c>, on the income
/// alone <c>T(O + P + S(0)) − T(O)</c>. Because S(W) grows with W, a withdrawal pays for the benefits it makes taxable
/// (the "tax torpedo"). Flat: the rate on the same amounts, without O (a flat rate ignores other income, section 6).
/// </remarks>
public static class HouseholdTax
{
    /// <summary>Tax by brackets: (on the withdrawal, on the income alone). The one-lane instance of
    /// <see cref="Brackets{TL, TD, TU}"/>, where the rule is written once.</summary>
    public static (double OnWithdrawal, double OnIncomeAlone) Brackets(TaxSchedule schedule, double otherIncome,
        double pensions, double benefits, double taxableWithdrawal)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return Brackets<Lanes1, double, ulong>(schedule.Arrays, schedule.Status, otherIncome, pensions, benefits,
            taxableWithdrawal);
    }

    /// <summary>Flat tax at <paramref name="rate"/>: (rate·(W + S(W) − S(0)), rate·(P + S(0))), S with
    /// <paramref name="status"/>'s thresholds and P + W as the other income. The one-lane instance of
    /// <see cref="Flat{TL, TD, TU}"/>.</summary>
    public static (double OnWithdrawal, double OnIncomeAlone) Flat(double rate, FilingStatus status, double pensions,
        double benefits, double taxableWithdrawal) =>
        Flat<Lanes1, double, ulong>(rate, status, pensions, benefits, taxableWithdrawal);

    /// <summary>Tax by brackets for the lanes of a vector (<paramref name="schedule"/> is the schedule's
    /// <see cref="TaxSchedule.Arrays"/>), in two steps so a caller that needs several withdrawals' tax computes the
    /// part without the withdrawal once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (TD OnWithdrawal, TD OnIncomeAlone) Brackets<TL, TD, TU>(TaxScheduleArrays schedule, FilingStatus status,
        TD otherIncome, TD pensions, TD benefits, TD taxableWithdrawal)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        var (before, taxWithout, alone) = BracketsWithout<TL, TD, TU>(schedule, status, otherIncome, pensions, benefits);
        return (BracketsOnWithdrawal<TL, TD, TU>(schedule, status, before, taxWithout, benefits, taxableWithdrawal), alone);
    }

    /// <summary>Step 1 of <see cref="Brackets{TL, TD, TU}"/>: before = O + P, T(before + S(before)) and the tax on the
    /// income alone. <paramref name="noOtherIncome"/>: the caller knows O is 0 in every lane, so T(O) = T(0) = 0 is
    /// not evaluated (the same bits: x − 0 = x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (TD Before, TD TaxWithout, TD OnIncomeAlone) BracketsWithout<TL, TD, TU>(TaxScheduleArrays schedule,
        FilingStatus status, TD otherIncome, TD pensions, TD benefits, bool noOtherIncome = false)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        ArgumentNullException.ThrowIfNull(schedule);
        TD before = TL.Add(otherIncome, pensions);
        TD without = TL.Add(before, TaxableSocialSecurity.Amount<TL, TD, TU>(benefits, before, status));
        TD taxWithout = schedule.TaxOnGross<TL, TD, TU>(without);
        TD taxOther = noOtherIncome ? TL.Splat(0.0) : schedule.TaxOnGross<TL, TD, TU>(otherIncome);
        return (before, taxWithout, TL.Sub(taxWithout, taxOther));
    }

    /// <summary>Step 2 of <see cref="Brackets{TL, TD, TU}"/>: T(before + S(before + W) + W) − T(without).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TD BracketsOnWithdrawal<TL, TD, TU>(TaxScheduleArrays schedule, FilingStatus status, TD before,
        TD taxWithout, TD benefits, TD taxableWithdrawal)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        ArgumentNullException.ThrowIfNull(schedule);
        TD with = TL.Add(TL.Add(before, TaxableSocialSecurity.Amount<TL, TD, TU>(benefits, TL.Add(before, taxableWithdrawal), status)),
            taxableWithdrawal);
        return TL.Sub(schedule.TaxOnGross<TL, TD, TU>(with), taxWithout);
    }

    /// <summary>Flat tax for the lanes of a vector (<see cref="FlatTax.Tax"/>'s <c>x &gt; 0 ? rate · x : 0</c> as a
    /// select), in the same two steps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (TD OnWithdrawal, TD OnIncomeAlone) Flat<TL, TD, TU>(double rate, FilingStatus status, TD pensions,
        TD benefits, TD taxableWithdrawal)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        var (s0, alone) = FlatWithout<TL, TD, TU>(rate, status, pensions, benefits);
        return (FlatOnWithdrawal<TL, TD, TU>(rate, status, pensions, s0, benefits, taxableWithdrawal), alone);
    }

    /// <summary>Step 1 of <see cref="Flat{TL, TD, TU}"/>: S(0) and rate·(P + S(0)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (TD TaxableBenefits, TD OnIncomeAlone) FlatWithout<TL, TD, TU>(double rate, FilingStatus status,
        TD pensions, TD benefits)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        TD zero = TL.Splat(0.0);
        TD s0 = TaxableSocialSecurity.Amount<TL, TD, TU>(benefits, pensions, status);
        TD alone = TL.Add(pensions, s0);
        return (s0, TL.IfGreater(alone, zero, TL.Mul(TL.Splat(rate), alone), zero));
    }

    /// <summary>Step 2 of <see cref="Flat{TL, TD, TU}"/>: rate·(W + S(W) − S(0)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TD FlatOnWithdrawal<TL, TD, TU>(double rate, FilingStatus status, TD pensions, TD taxableBenefits,
        TD benefits, TD taxableWithdrawal)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        TD zero = TL.Splat(0.0);
        TD sw = TaxableSocialSecurity.Amount<TL, TD, TU>(benefits, TL.Add(pensions, taxableWithdrawal), status);
        TD onW = TL.Add(taxableWithdrawal, TL.Sub(sw, taxableBenefits));
        return TL.IfGreater(onW, zero, TL.Mul(TL.Splat(rate), onW), zero);
    }
}
