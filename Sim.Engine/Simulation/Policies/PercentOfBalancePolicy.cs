using Sim.Engine.Scenarios;
using Sim.Engine.Simd;

namespace Sim.Engine.Simulation.Policies;

/// <summary>percentOfBalance: rate × the opening balance. Never fails.</summary>
internal readonly struct PercentOfBalancePolicy(PercentOfBalanceStrategy s) : IWithdrawalPolicy
{
    private readonly double _rate = s.Rate;

    public bool CanFail => false;

    public PolicySlots Slots => PolicySlots.None;

    public bool Vectorized => true;

    public double Target(YearPlan y, PathState st, int i, double opening) => _rate * opening;

    public TD Target<TL, TD, TU>(YearPlan y, PathState st, int i, TD opening, in IncomeLanes<TD> income)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct => TL.Mul(TL.Splat(_rate), opening);
}
