using Sim.Engine.Rules;
using Sim.Engine.Scenarios;

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

    private HouseholdTaxation(double flatRate, FilingStatus status, double otherIncome)
    {
        _flatRate = flatRate;
        _status = status;
        _otherIncome = otherIncome;
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
}
