using Sim.Engine.Scenarios;
using Sim.Engine.Simd;

namespace Sim.Engine.Simulation.Policies;

/// <summary>guardrails (Guyton-Klinger, <see cref="GuardrailRules"/>): the first target and its rate IR, then each
/// later year the inflation raise and the three rules; with an opening balance of 0 the rules are not evaluated.</summary>
internal readonly struct GuardrailsPolicy(GuardrailsStrategy s) : IWithdrawalPolicy
{
    private readonly FirstTarget _first = new(s.InitialRate, s.Amount);
    private readonly GuardrailsStrategy _rules = s;

    public bool CanFail => true;

    public PolicySlots Slots =>
        PolicySlots.PreviousTarget | PolicySlots.PreviousInflation | PolicySlots.PreviousReturn | PolicySlots.InitialRate;

    /// <summary>The rules run as masks in the lane form (same comparisons and operations per lane as the scalar).</summary>
    public bool Vectorized => true;

    public double Target(YearPlan y, PathState st, int i, double opening)
    {
        if (y.FirstDistributionYear)
        {
            double target = _first.Scalar(st, i, opening);
            st.InitialRate[i] = opening > 0 ? target / opening : 0;
            return target;
        }

        double raised = st.Target[i] * (1 + st.PrevInflation[i]);
        return opening > 0
            ? GuardrailRules.Apply(st.Target[i], raised, opening, st.InitialRate[i], st.PrevReturn[i], y.GuardrailCutAllowed, _rules)
            : raised;
    }

    /// <summary>
    /// Lane form of <see cref="Target(YearPlan, PathState, int, double)"/>: every branch of <see cref="GuardrailRules"/>
    /// becomes a select, evaluated in the same order with the same operations, so each lane equals the scalar rule.
    /// Lanes with an opening balance of 0 select the plain raise (their divisions by 0 are discarded).
    /// </summary>
    public TD Target<TL, TD, TU>(YearPlan y, PathState st, int i, TD opening, in IncomeLanes<TD> income)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        TD zero = TL.Splat(0.0);
        if (y.FirstDistributionYear)
        {
            TD first = _first.Lanes<TL, TD, TU>(st, i, opening);
            LaneArrays.Store<TL, TD, TU>(TL.IfGreater(opening, zero, TL.Div(first, opening), zero), st.InitialRate, i);
            return first;
        }

        TD previous = LaneArrays.Load<TL, TD, TU>(st.Target, i);
        TD raised = TL.Mul(previous, TL.Add(TL.Splat(1.0), LaneArrays.Load<TL, TD, TU>(st.PrevInflation, i)));
        TD ir = LaneArrays.Load<TL, TD, TU>(st.InitialRate, i);
        TD lastReturn = LaneArrays.Load<TL, TD, TU>(st.PrevReturn, i);

        // Inflation rule: keep the previous target after a negative year when the raised rate exceeds IR.
        TD target = TL.IfLess(lastReturn, zero, TL.IfGreater(TL.Div(raised, opening), ir, previous, raised), raised);
        TD cwr = TL.Div(target, opening);
        // Prosperity, then capital preservation (which wins when both could apply, as in the scalar order).
        TD result = TL.IfLess(cwr, TL.Mul(ir, TL.Splat(1 - _rules.Lower)), TL.Mul(target, TL.Splat(1 + _rules.Raise)), target);
        if (y.GuardrailCutAllowed)
        {
            result = TL.IfGreater(cwr, TL.Mul(ir, TL.Splat(1 + _rules.Upper)), TL.Mul(target, TL.Splat(1 - _rules.Cut)), result);
        }

        return TL.IfGreater(opening, zero, result, raised);
    }
}
