using Sim.Engine.Scenarios;

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
    /// <summary>Tax by brackets: (on the withdrawal, on the income alone).</summary>
    public static (double OnWithdrawal, double OnIncomeAlone) Brackets(TaxSchedule schedule, double otherIncome,
        double pensions, double benefits, double taxableWithdrawal)
    {
        var status = schedule.Status;
        var before = otherIncome + pensions;
        var without = before + TaxableSocialSecurity.Amount(benefits, before, status);
        var with = before + TaxableSocialSecurity.Amount(benefits, before + taxableWithdrawal, status) + taxableWithdrawal;
        var taxWithout = schedule.TaxOnGrossIncome(without);
        return (schedule.TaxOnGrossIncome(with) - taxWithout, taxWithout - schedule.TaxOnGrossIncome(otherIncome));
    }

    /// <summary>Flat tax at <paramref name="rate"/>: (rate·(W + S(W) − S(0)), rate·(P + S(0))), S with
    /// <paramref name="status"/>'s thresholds and P + W as the other income.</summary>
    public static (double OnWithdrawal, double OnIncomeAlone) Flat(double rate, FilingStatus status, double pensions,
        double benefits, double taxableWithdrawal)
    {
        var s0 = TaxableSocialSecurity.Amount(benefits, pensions, status);
        var sw = TaxableSocialSecurity.Amount(benefits, pensions + taxableWithdrawal, status);
        return (FlatTax.Tax(rate, taxableWithdrawal + (sw - s0)), FlatTax.Tax(rate, pensions + s0));
    }
}
