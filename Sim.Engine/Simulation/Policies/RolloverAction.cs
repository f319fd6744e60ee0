using Sim.Engine.Scenarios;

namespace Sim.Engine.Simulation.Policies;

/// <summary>
/// <c>rollover</c> (docs/model.md section 13): the vested balance moves to an IRA on January 1 of the retirement
/// year. The IRA's rules (no rule of 55, no Roth RMD, its expense ratio) are year facts in <see cref="YearPlan"/>;
/// per path the action only has work for an indirect rollover whose 20% withholding (IRC 3405(c)) is not made up:
/// that part of the pre-tax balance leaves as a taxable distribution from the plan (in <c>withdrawals</c>, taxed with
/// the year's other withdrawals, penalised by the plan's rule).
/// </summary>
internal sealed class RolloverAction : ISeparationAction
{
    public void Apply(YearPlan y, PathState st, BlockScratch scratch, int i, int j)
    {
        if (y.WithheldShare <= 0)
        {
            return;
        }

        double withheld = y.WithheldShare * st.Pretax[i];
        st.Pretax[i] -= withheld;
        scratch.Gross[j] += withheld;
        scratch.Tax[j] += withheld;
        scratch.PlanTaxable[j] += withheld;
    }
}
