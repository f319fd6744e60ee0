using Sim.Engine.Scenarios;
using Sim.Engine.Simd;

namespace Sim.Engine.Simulation.Policies;

/// <summary>fixedNominal (docs/model.md section 5): the first target, then the same nominal amount every
/// year (no inflation raise).</summary>
internal readonly struct FixedNominalPolicy(FixedNominalStrategy s) : IWithdrawalPolicy
{
    private readonly FirstTarget _first = new(s.InitialRate, s.Amount);

    public bool CanFail => true;

    public PolicySlots Slots => PolicySlots.PreviousTarget;

    public bool Vectorized => true;

    public double Target(YearPlan y, PathState st, int i, double opening) =>
        y.FirstDistributionYear ? _first.Scalar(st, i, opening) : st.Target[i];

    public TD Target<TL, TD, TU>(YearPlan y, PathState st, int i, TD opening, in IncomeLanes<TD> income)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct =>
        y.FirstDistributionYear ? _first.Lanes<TL, TD, TU>(st, i, opening) : LaneArrays.Load<TL, TD, TU>(st.Target, i);
}
