namespace Sim.Engine.Scenarios;

/// <summary>At separation: leave the balance in the plan (default) or roll it over to an IRA.</summary>
public enum SeparationAction
{
    /// <summary>The balance stays in the plan (the default).</summary>
    Stay,

    /// <summary>The vested balance moves to an IRA.</summary>
    Rollover,
}
