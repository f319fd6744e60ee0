namespace Sim.Engine.Scenarios;

/// <summary>Pins the simple return of some assets in one year for every path (exactly one of Age,
/// YearsAfterRetirement, Year is set).</summary>
public sealed record Shock
{
    /// <summary>The participant's age in the shocked year.</summary>
    public int? Age { get; init; }
    /// <summary>Years after the retirement year (0 = the first year of retirement).</summary>
    public int? YearsAfterRetirement { get; init; }
    /// <summary>The calendar year shocked.</summary>
    public int? Year { get; init; }
    /// <summary>The stock return of that year as a simple return (−0.37 = −37%); null leaves it drawn.</summary>
    public double? Stocks { get; init; }
    /// <summary>The bond return of that year; null leaves it drawn.</summary>
    public double? Bonds { get; init; }
    /// <summary>The cash return of that year; null leaves it drawn.</summary>
    public double? Cash { get; init; }
    /// <summary>The REIT return of that year; null leaves it drawn.</summary>
    public double? Reits { get; init; }
}
