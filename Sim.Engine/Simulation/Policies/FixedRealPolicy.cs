using Sim.Engine.Scenarios;
using Sim.Engine.Simd;

namespace Sim.Engine.Simulation.Policies;

/// <summary>fixedReal (docs/model.md section 5): the first target, then the previous one × (1 + last year's
/// inflation of the path).</summary>
internal readonly struct FixedRealPolicy(FixedRealStrategy s) : IWithdrawalPolicy
{
    private readonly FirstTarget _first = new(s.InitialRate, s.Amount);

    public bool CanFail => true;

    public PolicySlots Slots => PolicySlots.PreviousTarget | PolicySlots.PreviousInflation;

    public bool Vectorized => true;

    public double Target(YearPlan y, PathState st, int i, double opening) => y.FirstDistributionYear
        ? _first.Scalar(st, i, opening)
        : st.Target[i] * (1 + st.PrevInflation[i]);

    public TD Target<TL, TD, TU>(YearPlan y, PathState st, int i, TD opening, in IncomeLanes<TD> income)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct => y.FirstDistributionYear
        ? _first.Lanes<TL, TD, TU>(st, i, opening)
        : TL.Mul(LaneArrays.Load<TL, TD, TU>(st.Target, i),
            TL.Add(TL.Splat(1.0), LaneArrays.Load<TL, TD, TU>(st.PrevInflation, i)));
}
