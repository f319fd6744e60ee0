namespace Sim.Worker.Jobs;

/// <summary>
/// What every job needs to know about its surroundings, the same in every process that shares a queue.
/// Defaults are named constants so they are documented where they live.
/// </summary>
public sealed record JobSettings
{
    /// <summary>Default output folder (relative to the working directory).</summary>
    public const string DefaultOutputDirectory = "out";

    /// <summary>Default scenarios folder (relative to the working directory).</summary>
    public const string DefaultScenariosDirectory = "scenarios";

    /// <summary>Default success-probability change that flags a drift: 1 percentage point (absolute).</summary>
    public const double DefaultDriftSuccessThreshold = 0.01;

    /// <summary>Default median-terminal-balance change that flags a drift: 2% (relative).</summary>
    public const double DefaultDriftBalanceThreshold = 0.02;

    /// <summary>Default longest computation of one run before it fails (not retried).</summary>
    public static readonly TimeSpan DefaultRunTimeout = TimeSpan.FromHours(2);

    /// <summary>Where runs/, nightly/ and the staging folder live.</summary>
    public string OutputDirectory { get; init; } = DefaultOutputDirectory;

    /// <summary>The scenario library: <c>*.json</c> scenarios and <c>stress/*.json</c> overlays.</summary>
    public string ScenariosDirectory { get; init; } = DefaultScenariosDirectory;

    /// <summary>Engine threads per run (null: the engine's own default).</summary>
    public int? ThreadsPerRun { get; init; } = 1;

    /// <summary>Longest computation of one run; past it the run fails without retry.</summary>
    public TimeSpan RunTimeout { get; init; } = DefaultRunTimeout;

    /// <summary>Path count for the stress suite (null: each scenario's own <c>simulation.paths</c>).</summary>
    public int? StressPaths { get; init; }

    /// <summary>Absolute change in success probability above which drift.parquet flags a row.</summary>
    public double DriftSuccessThreshold { get; init; } = DefaultDriftSuccessThreshold;

    /// <summary>Relative change in median terminal balance above which drift.parquet flags a row.</summary>
    public double DriftBalanceThreshold { get; init; } = DefaultDriftBalanceThreshold;

    /// <summary>Absolute output folder.</summary>
    public string OutputPath => Path.GetFullPath(OutputDirectory);

    /// <summary>Absolute scenarios folder.</summary>
    public string ScenariosPath => Path.GetFullPath(ScenariosDirectory);

    /// <summary>Folder for whole-directory staging (nightly partitions), outside the published datasets.</summary>
    public string StagingPath => Path.Combine(OutputPath, ".staging");
}
