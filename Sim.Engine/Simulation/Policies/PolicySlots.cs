namespace Sim.Engine.Simulation.Policies;

/// <summary>Per-path state a withdrawal policy carries from year to year (arrays of <see cref="PathState"/>).</summary>
[Flags]
internal enum PolicySlots
{
    None = 0,
    /// <summary>Last year's target (<see cref="PathState.Target"/>), stored by the kernel after each target.</summary>
    PreviousTarget = 1,
    /// <summary>Last year's inflation (<see cref="PathState.PrevInflation"/>).</summary>
    PreviousInflation = 2,
    /// <summary>Last year's portfolio return, gross of fee (<see cref="PathState.PrevReturn"/>).</summary>
    PreviousReturn = 4,
    /// <summary>The initial withdrawal rate (<see cref="PathState.InitialRate"/>), written by the policy.</summary>
    InitialRate = 8,
}
