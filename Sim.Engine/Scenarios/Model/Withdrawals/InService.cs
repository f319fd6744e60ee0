namespace Sim.Engine.Scenarios;

/// <summary>In-service distributions while employed: a fixed nominal amount or a rate of the opening balance.</summary>
public sealed record InService
{
    public double FromAge { get; init; } = 59.5;
    public double? Amount { get; init; }
    public double? Rate { get; init; }
}
