namespace Sim.Engine.Scenarios;

/// <summary>In-service distributions while employed: a fixed nominal amount or a rate of the opening balance.</summary>
public sealed record InService
{
    /// <summary>Earliest age (by January 1, July 1 birthdays) for in-service distributions; default 59.5, some plans 55.</summary>
    public double FromAge { get; init; } = 59.5;
    /// <summary>A fixed nominal amount a year, in dollars; exclusive with <see cref="Rate"/>.</summary>
    public double? Amount { get; init; }
    /// <summary>A share of the opening balance a year; exclusive with <see cref="Amount"/>.</summary>
    public double? Rate { get; init; }
}
