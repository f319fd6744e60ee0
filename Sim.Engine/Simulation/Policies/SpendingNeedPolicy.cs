using Sim.Engine.Scenarios;
using Sim.Engine.Simd;

namespace Sim.Engine.Simulation.Policies;

/// <summary>
/// spendingNeed (docs/model.md section 12): need(Y) = need · I(Y) less the year's income. Gross: the target is
/// <c>max(0, need(Y) − income)</c>. After tax the kernel solves W − tax(W) − penalty(W) = target, so the target is
/// <c>need(Y) − income + the income's own tax</c>, which makes W + income − all the year's tax − penalty = need(Y).
/// Fails like fixedReal. Per path only: the target depends on the path's tax on its income.
/// </summary>
internal readonly struct SpendingNeedPolicy(SpendingNeedStrategy s, bool afterTax) : IWithdrawalPolicy
{
    public bool CanFail => true;

    public PolicySlots Slots => PolicySlots.None;

    public bool Vectorized => false;

    public double Target(YearPlan y, PathState st, int i, double opening)
    {
        double index = st.Index[i];
        double uncovered = s.Need * index - y.Income.Total(index);
        return afterTax ? uncovered + y.Taxation.IncomeAlone(y, index) : Math.Max(0, uncovered);
    }

    public TD Target<TL, TD, TU>(YearPlan y, PathState st, int i, TD opening)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct =>
        throw new NotSupportedException("spendingNeed runs in the per-path distribution phase (Vectorized is false).");
}
