using Sim.Engine.Scenarios;
using Sim.Worker.Cli;
using Sim.Worker.Jobs;

namespace Sim.Worker.Server;

/// <summary>Reads the options shared by <c>serve</c> and <c>worker</c> into <see cref="ServerSettings"/>.</summary>
public static partial class ServerOptionsParser
{
    /// <summary>Environment variable read when <c>--connection</c> is not given (keeps passwords off the process list).</summary>
    public const string ConnectionVariable = "SIM_CONNECTION";

    private static readonly string[] Common =
    [
        "storage", "connection", "out", "scenarios", "workers", "threads-per-run", "run-timeout", "stress-paths",
        "drift-success", "drift-balance", "invisibility-timeout", "pg-schema",
    ];

    /// <summary>Option help, one line each.</summary>
    public const string Help = """
          --storage inmemory|postgres   queue storage (default inmemory; --connection implies postgres)
          --connection CS               PostgreSQL connection string (or env SIM_CONNECTION)
          --pg-schema NAME              PostgreSQL schema of the queue tables (default hangfire)
          --out DIR                     output folder: runs/, nightly/ (default out)
          --scenarios DIR               scenario library: *.json and stress/*.json (default scenarios)
          --workers N                   Hangfire workers in this process (default: number of cores)
          --threads-per-run N           engine threads per run (default 1)
          --run-timeout SECONDS         a run computing longer fails, not retried (default 7200)
          --stress-paths N              paths per stress case (default: each scenario's own)
          --drift-success X             flag success-probability changes above X (absolute, default 0.01)
          --drift-balance X             flag median-terminal-balance changes above X (relative, default 0.02)
          --invisibility-timeout SECS   PostgreSQL sliding invisibility timeout (default 300)
        """;

    /// <summary>Parses <c>serve</c> options (adds --urls, --stress-cron, --dashboard-remote).</summary>
    public static ServerSettings ParseServe(string[] args) => Parse(args, serve: true);

    /// <summary>Parses <c>worker</c> options; a worker needs a shared (PostgreSQL) queue.</summary>
    public static ServerSettings ParseWorker(string[] args)
    {
        var settings = Parse(args, serve: false);
        return settings.Storage == StorageKind.Postgres
            ? settings
            : throw new UsageException("a worker needs a shared queue: --storage postgres --connection \"Host=...;Database=...\"");
    }

    private static ServerSettings Parse(string[] args, bool serve)
    {
        var names = serve ? [.. Common, "urls", "stress-cron", "allowed-hosts"] : Common;
        var options = OptionReader.Parse(args, names, serve ? ["dashboard-remote"] : []);
        options.ExpectPositionals(0, "");

        var connection = options.String("connection") ?? Environment.GetEnvironmentVariable(ConnectionVariable);
        var storage = options.String("storage") switch
        {
            null => options.String("connection") is not null ? StorageKind.Postgres : StorageKind.InMemory,
            "inmemory" => StorageKind.InMemory,
            "postgres" or "postgresql" => StorageKind.Postgres,
            var other => throw new UsageException($"--storage must be inmemory or postgres, not '{other}'"),
        };
        if (storage == StorageKind.Postgres && string.IsNullOrWhiteSpace(connection))
        {
            throw new UsageException($"--storage postgres needs --connection \"Host=...;Database=...;Username=...\" (or {ConnectionVariable})");
        }

        if (storage == StorageKind.InMemory && options.String("connection") is not null)
        {
            throw new UsageException("--connection is only for --storage postgres");
        }

        var schema = options.String("pg-schema") ?? ServerSettings.DefaultPostgresSchema;
        if (!SchemaPattern().IsMatch(schema))
        {
            throw new UsageException($"--pg-schema must be a lowercase identifier (letters, digits, '_'), not '{schema}'");
        }

        var urls = options.String("urls") ?? ServerSettings.DefaultUrls;
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
            {
                throw new UsageException($"--urls must be http://HOST:PORT addresses separated by ';', not '{url}'");
            }
        }

        var cron = options.String("stress-cron") ?? StressSuiteJob.DefaultCron;
        if (cron is "off" or "none" or "")
        {
            cron = null;
        }
        else if (cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length is not (5 or 6))
        {
            throw new UsageException($"--stress-cron must be a cron expression of 5 (or 6) fields, or 'off', not '{cron}'");
        }

        var defaults = new JobSettings();
        var jobs = new JobSettings
        {
            OutputDirectory = options.String("out") ?? defaults.OutputDirectory,
            ScenariosDirectory = options.String("scenarios") ?? defaults.ScenariosDirectory,
            ThreadsPerRun = options.Int("threads-per-run", 1, 1024) ?? defaults.ThreadsPerRun,
            RunTimeout = options.Seconds("run-timeout", TimeSpan.FromDays(7).TotalSeconds) ?? defaults.RunTimeout,
            StressPaths = options.Int("stress-paths", 1, SimulationSettings.MaxPaths),
            DriftSuccessThreshold = options.Double("drift-success", 0, 1) ?? defaults.DriftSuccessThreshold,
            DriftBalanceThreshold = options.Double("drift-balance", 0, 100) ?? defaults.DriftBalanceThreshold,
        };

        return new ServerSettings
        {
            Urls = urls,
            Storage = storage,
            Connection = storage == StorageKind.Postgres ? connection : null,
            PostgresSchema = schema,
            WorkerCount = options.Int("workers", 1, 256) ?? ServerSettings.DefaultWorkerCount,
            StressCron = cron,
            DashboardAllowRemote = options.Flag("dashboard-remote"),
            AllowedHosts = (options.String("allowed-hosts") ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            InvisibilityTimeout = options.Seconds("invisibility-timeout", TimeSpan.FromDays(1).TotalSeconds)
                                  ?? ServerSettings.DefaultInvisibilityTimeout,
            Jobs = jobs,
        };
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[a-z_][a-z0-9_]{0,62}\z")]
    private static partial System.Text.RegularExpressions.Regex SchemaPattern();
}
