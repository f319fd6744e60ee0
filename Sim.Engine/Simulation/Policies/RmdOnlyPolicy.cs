using Sim.Engine.Simd;

namespace Sim.Engine.Simulation.Policies;

/// <summary>rmdOnly: target 0, only the RMD is paid. Never fails.</summary>
internal readonly struct RmdOnlyPolicy : IWithdrawalPolicy
{
    public bool CanFail => false;

    public PolicySlots Slots => PolicySlots.None;

    public bool Vectorized => true;

    public double Target(YearPlan y, PathState st, int i, double opening) => 0;

    public TD Target<TL, TD, TU>(YearPlan y, PathState st, int i, TD opening, in IncomeLanes<TD> income)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct => TL.Splat(0.0);
}
