namespace Sim.Engine.Scenarios;

public sealed record SimulationSettings
{
    public const int DefaultPaths = 10_000;
    public const int MaxPaths = 10_000_000;
    public const ulong DefaultSeed = 1;
    public static readonly IReadOnlyList<double> DefaultPercentiles = [5, 10, 25, 50, 75, 90, 95];

    public int Paths { get; init; } = DefaultPaths;
    public ulong Seed { get; init; } = DefaultSeed;
    /// <summary>Step 0. The parser fills a missing value from the caller's clock; the engine never reads one.</summary>
    public int StartYear { get; init; } = 2026;
    public IReadOnlyList<double> Percentiles { get; init; } = DefaultPercentiles;
}
