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

    /// <summary>The rules are per-lane branches; the per-path phase runs them.</summary>
    public bool Vectorized => false;

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

    /// <summary>Lane form: each lane through the scalar rules (used only if <see cref="Vectorized"/> becomes true).</summary>
    public TD Target<TL, TD, TU>(YearPlan y, PathState st, int i, TD opening)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        Span<double> lanes = stackalloc double[TL.Count];
        TL.Store(opening, ref lanes[0]);
        for (int l = 0; l < TL.Count; l++)
        {
            lanes[l] = Target(y, st, i + l, lanes[l]);
        }

        return TL.Load(ref lanes[0]);
    }
}
