using Sim.Engine.Rules;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Simulation;

/// <summary>
/// The income streams of one year as coefficients that are the same on every path (docs/model.md section 11): a
/// path's Social Security is <see cref="SocialSecurityToday"/> × I(Y) and its pensions
/// <see cref="PensionToday"/> × I(Y) + <see cref="PensionNominal"/>, with I(Y) its inflation index on January 1.
/// </summary>
/// <param name="SocialSecurityToday">Σ pia · factor · months over the Social Security streams (today's dollars).</param>
/// <param name="PensionToday">Σ annual · months/12 over the pensions that follow inflation (today's dollars).</param>
/// <param name="PensionNominal">Σ of the other pensions' nominal amounts (fixed increase or none).</param>
public readonly record struct IncomeYear(double SocialSecurityToday, double PensionToday, double PensionNominal)
{
    /// <summary>True when some stream pays this year.</summary>
    public bool Any => SocialSecurityToday != 0 || PensionToday != 0 || PensionNominal != 0;

    /// <summary>Nominal Social Security of a path with inflation index <paramref name="index"/>.</summary>
    public double SocialSecurity(double index) => SocialSecurityToday * index;

    /// <summary>Nominal pensions of a path with inflation index <paramref name="index"/>.</summary>
    public double Pensions(double index) => PensionToday * index + PensionNominal;

    /// <summary>Both, the <c>income</c> metric.</summary>
    public double Total(double index) => SocialSecurity(index) + Pensions(index);
}

/// <summary>Builds <see cref="IncomeYear"/> for each simulated year from the scenario's streams.</summary>
public static class IncomeSchedule
{
    /// <summary>The streams' coefficients for calendar year <paramref name="year"/>.</summary>
    public static IncomeYear ForYear(Scenario scenario, int year)
    {
        double ss = 0, pensionToday = 0, pensionNominal = 0;
        foreach (var stream in scenario.Income)
        {
            var birthYear = stream.Owner == IncomeOwner.Spouse
                ? scenario.Participant.Spouse?.BirthYear
                  ?? throw new InvalidOperationException("A spouse-owned stream needs participant.spouse (validation ensures it).")
                : scenario.Participant.BirthYear;
            var startMonths = stream.FirstPaymentAgeMonths(birthYear);
            var months = PaymentMonths.InYear(year, birthYear, startMonths);
            if (months == 0)
            {
                continue;
            }

            switch (stream)
            {
                case SocialSecurityIncome s:
                    ss += SocialSecurityBenefit.Annual(s.Pia, SocialSecurityBenefit.Factor(birthYear, startMonths), months, 1.0);
                    break;
                case PensionIncome p:
                    var amount = PensionPayment.Annual(p.Annual, p.Cola, months,
                        year - PaymentMonths.FirstYear(birthYear, startMonths), 1.0);
                    if (p.Cola.Kind == PensionColaKind.Inflation)
                    {
                        pensionToday += amount;
                    }
                    else
                    {
                        pensionNominal += amount;
                    }

                    break;
            }
        }

        return new IncomeYear(ss, pensionToday, pensionNominal);
    }
}
