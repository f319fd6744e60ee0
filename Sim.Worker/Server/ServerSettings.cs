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

    /// <summary>Let non-local requests see the dashboard, read-only (default: local requests only).</summary>
    public bool DashboardAllowRemote { get; init; }

    /// <summary>
    /// Host names (the <c>Host</c> header, without port) the server answers besides the loopback names and the
    /// host names of <see cref="Urls"/>; any other name gets 400 (a DNS-rebinding page uses its own name).
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>Default number of run requests validated at the same time (the rest wait, then get 503).</summary>
    public static int DefaultMaxConcurrentValidations => Math.Max(2, Environment.ProcessorCount);

    /// <summary>Run requests validated at the same time; validation is CPU work a client chooses the size of.</summary>
    public int MaxConcurrentValidations { get; init; } = DefaultMaxConcurrentValidations;

    /// <summary>How long a request waits for a validation slot before it is answered 503.</summary>
    public TimeSpan ValidationWait { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>PostgreSQL invisibility timeout (sliding).</summary>
    public TimeSpan InvisibilityTimeout { get; init; } = DefaultInvisibilityTimeout;

    /// <summary>How often an idle worker polls the PostgreSQL queue.</summary>
    public TimeSpan QueuePollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Settings every job reads (folders, threads, timeout, stress, drift).</summary>
    public JobSettings Jobs { get; init; } = new();
}
