using Sim.Engine.Rules;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Simulation.Policies;

/// <summary>A pension (docs/model.md section 11): <see cref="PensionPayment"/>; follows the path's I(Y) only with
/// <c>cola: "inflation"</c>.</summary>
internal sealed class PensionPolicy(PensionIncome p, int ownerBirthYear) : IIncomeStreamPolicy
{
    private readonly int _firstYear = PaymentMonths.FirstYear(ownerBirthYear, p.StartAgeMonths);

    public IncomeKind Kind => IncomeKind.Pension;

    public bool IndexedToPathInflation => p.Cola.Kind == PensionColaKind.Inflation;

    public double BaseAmount(int year) => PensionPayment.Annual(p.Annual, p.Cola,
        PaymentMonths.InYear(year, ownerBirthYear, p.StartAgeMonths), year - _firstYear, 1.0);
}
