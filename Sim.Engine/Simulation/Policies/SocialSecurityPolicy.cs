using Sim.Engine.Rules;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Simulation.Policies;

/// <summary>Social Security (docs/model.md section 11): pia · factor · months(Y), times the path's I(Y).</summary>
internal sealed class SocialSecurityPolicy(SocialSecurityIncome s, int ownerBirthYear) : IIncomeStreamPolicy
{
    private readonly int _start = s.FirstPaymentAgeMonths(ownerBirthYear);
    private readonly double _factor = SocialSecurityBenefit.Factor(ownerBirthYear, s.FirstPaymentAgeMonths(ownerBirthYear));

    public IncomeKind Kind => IncomeKind.SocialSecurity;

    public bool IndexedToPathInflation => true;

    public double BaseAmount(int year) =>
        SocialSecurityBenefit.Annual(s.Pia, _factor, PaymentMonths.InYear(year, ownerBirthYear, _start), 1.0);
}
