using Sim.Worker.Jobs;

namespace Sim.Worker.Server;

/// <summary>
/// Settings of a <c>serve</c> or <c>worker</c> process. Defaults are named constants; the command line
/// (<see cref="Sim.Worker.Cli.ServerOptions"/>) is the only other place that sets them.
/// </summary>
public sealed record ServerSettings
{
    /// <summary>Default listening address: loopback only.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Largest accepted request body (spec 11: scenario files are at most 1 MiB).</summary>
    public const int MaxRequestBytes = 1 << 20;

    /// <summary>Default PostgreSQL invisibility timeout; sliding, so it only bounds how long a dead worker's job waits.</summary>
    public static readonly TimeSpan DefaultInvisibilityTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Default Hangfire worker count: one per core (runs are CPU-bound, one engine thread each by default).</summary>
    public static int DefaultWorkerCount => Math.Max(1, Environment.ProcessorCount);

    /// <summary>Addresses Kestrel listens on (serve only); port 0 picks a free port.</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>Queue storage.</summary>
    public StorageKind Storage { get; init; } = StorageKind.InMemory;

    /// <summary>PostgreSQL connection string (Npgsql syntax), required with <see cref="StorageKind.Postgres"/>.</summary>
    public string? Connection { get; init; }

    /// <summary>Default PostgreSQL schema of the Hangfire tables.</summary>
    public const string DefaultPostgresSchema = "hangfire";

    /// <summary>PostgreSQL schema of the Hangfire tables: processes share a queue when they share the database and schema.</summary>
    public string PostgresSchema { get; init; } = DefaultPostgresSchema;

    /// <summary>Hangfire workers in this process.</summary>
    public int WorkerCount { get; init; } = DefaultWorkerCount;

    /// <summary>Cron of the nightly stress suite (server local time); null disables it.</summary>
    public string? StressCron { get; init; } = StressSuiteJob.DefaultCron;

    /// <summary>Let non-local requests see the dashboard (default: local requests only).</summary>
    public bool DashboardAllowRemote { get; init; }

    /// <summary>PostgreSQL invisibility timeout (sliding).</summary>
    public TimeSpan InvisibilityTimeout { get; init; } = DefaultInvisibilityTimeout;

    /// <summary>How often an idle worker polls the PostgreSQL queue.</summary>
    public TimeSpan QueuePollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Settings every job reads (folders, threads, timeout, stress, drift).</summary>
    public JobSettings Jobs { get; init; } = new();
}
