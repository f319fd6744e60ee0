using System.Runtime.CompilerServices;
using Sim.Engine.Scenarios;
using Sim.Engine.Simd;

namespace Sim.Engine.Simulation.Policies;

/// <summary>
/// spendingNeed (docs/model.md section 12): need(Y) = need · I(Y) less the year's income. Gross: the target is
/// <c>max(0, need(Y) − income)</c>. After tax the kernel solves W − tax(W) − penalty(W) = target, so the target is
/// <c>need(Y) − income + the income's own tax</c>, which makes W + income − all the year's tax − penalty = need(Y).
/// Fails like fixedReal. The target depends on the path's inflation index only (its income and the income's own
/// tax), so the lane form computes the same per lane (the kernel passes the lanes' tax on the income alone).
/// </summary>
internal readonly struct SpendingNeedPolicy(SpendingNeedStrategy s, bool afterTax) : IWithdrawalPolicy
{
    public bool CanFail => true;

    public PolicySlots Slots => PolicySlots.None;

    public bool Vectorized => true;

    public double Target(YearPlan y, PathState st, int i, double opening)
    {
        double index = st.Index[i];
        double uncovered = s.Need * index - y.Income.Total(index);
        return afterTax ? uncovered + y.Taxation.IncomeAlone(y, index) : Math.Max(0, uncovered);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TD Target<TL, TD, TU>(YearPlan y, PathState st, int i, TD opening, in IncomeLanes<TD> income)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        TD index = LaneArrays.Load<TL, TD, TU>(st.Index, i);
        TD uncovered = TL.Sub(TL.Mul(TL.Splat(s.Need), index), y.Income.Total<TL, TD, TU>(index));
        if (afterTax)
        {
            // HouseholdTaxation.IncomeAlone: the income's own tax, 0 without income.
            return TL.Add(uncovered, y.Income.Any ? income.OnIncomeAlone : TL.Splat(0.0));
        }

        // Math.Max(0, x) is x > 0 ? x : 0 (x is never NaN; −0 gives +0 either way).
        TD zero = TL.Splat(0.0);
        return TL.IfGreater(uncovered, zero, uncovered, zero);
    }
}
