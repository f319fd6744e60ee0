namespace Sim.Engine.Scenarios;

/// <c>$.simulation</c>: how many paths, which seed, the first year, the reported percentiles.
public sealed record SimulationSettings
{
    /// <summary>Paths when the file and the command line give none.</summary>
    public const int DefaultPaths = 10_000;
    /// <summary>Largest allowed path count (a limit that protects the machine).</summary>
    public const int MaxPaths = 10_000_000;
    /// <summary>Seed when the file and the command line give none.</summary>
    public const ulong DefaultSeed = 1;
    /// <summary>Percentiles reported when the file names none, in percent.</summary>
    public static readonly IReadOnlyList<double> DefaultPercentiles = [5, 10, 25, 50, 75, 90, 95];

    /// <summary>Number of Monte Carlo paths (1..<see cref="MaxPaths"/>); the CLI's <c>--paths</c> overrides it.</summary>
    public int Paths { get; init; } = DefaultPaths;
    /// <summary>Seed of the counter-based random streams; the same seed gives the same numbers. <c>--seed</c> overrides it.</summary>
    public ulong Seed { get; init; } = DefaultSeed;
    /// <summary>Step 0. The parser fills a missing value from the caller's clock; the engine never reads one.</summary>
    public int StartYear { get; init; } = 2026;
    /// <summary>Percentiles (0..100) of the yearly bands and terminal figures; <see cref="DefaultPercentiles"/> when absent.</summary>
    public IReadOnlyList<double> Percentiles { get; init; } = DefaultPercentiles;

    /// <summary>The paths a run uses: the caller's override (<c>--paths</c>, an API field), else <see cref="Paths"/>.
    /// The one place this rule lives (the engine, the run id and the questions all ask here).</summary>
    /// <param name="overridePaths">The override, or null.</param>
    public int EffectivePaths(int? overridePaths) => overridePaths ?? Paths;

    /// <summary>The seed a run uses: the caller's override, else <see cref="Seed"/>.</summary>
    /// <param name="overrideSeed">The override, or null.</param>
    public ulong EffectiveSeed(ulong? overrideSeed) => overrideSeed ?? Seed;
}
