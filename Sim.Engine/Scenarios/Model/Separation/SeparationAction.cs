namespace Sim.Engine.Scenarios;

/// <summary>At separation: leave the balance in the plan (default) or roll it over to an IRA.</summary>
public enum SeparationAction { Stay, Rollover }
