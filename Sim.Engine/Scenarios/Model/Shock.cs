namespace Sim.Engine.Scenarios;

/// <summary>Pins the simple return of some assets in one year for every path (exactly one of Age,
/// YearsAfterRetirement, Year is set).</summary>
public sealed record Shock
{
    public int? Age { get; init; }
    public int? YearsAfterRetirement { get; init; }
    public int? Year { get; init; }
    public double? Stocks { get; init; }
    public double? Bonds { get; init; }
    public double? Cash { get; init; }
    public double? Reits { get; init; }
}
