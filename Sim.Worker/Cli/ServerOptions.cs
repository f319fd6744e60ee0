using System.CommandLine;
using System.Text.RegularExpressions;
using Sim.Engine.Scenarios;
using Sim.Worker.Jobs;
using Sim.Worker.Server;

namespace Sim.Worker.Cli;

/// <summary>
/// The options shared by <c>serve</c> and <c>worker</c>, read into <see cref="ServerSettings"/>. Single values are
/// checked by their option (<see cref="Options"/>); the rules that tie options together (postgres needs a
/// connection, a worker needs postgres) are checked here and are usage errors too.
/// </summary>
public sealed partial class ServerOptions
{
    /// <summary>Environment variable read when <c>--connection</c> is not given (keeps passwords off the process list).</summary>
    public const string ConnectionVariable = "SIM_CONNECTION";

    private readonly bool _serve;

    private readonly Option<string?> _storage = Options.Text("--storage", "inmemory|postgres",
        "queue storage (default inmemory; --connection implies postgres)");

    private readonly Option<string?> _connection = Options.Text("--connection", "CS",
        $"PostgreSQL connection string (or the environment variable {ConnectionVariable})");

    private readonly Option<string?> _schema = Options.Text("--pg-schema", "NAME",
        $"PostgreSQL schema of the queue tables (default {ServerSettings.DefaultPostgresSchema})");

    private readonly Option<string?> _out = Options.Text("--out", "DIR", "output folder: runs/, nightly/ (default out)", "-o");
    private readonly Option<string?> _scenarios = Options.Text("--scenarios", "DIR", "scenario library: *.json and stress/*.json (default scenarios)");
    private readonly Option<int?> _workers = Options.Int("--workers", "N", 1, 256, "Hangfire workers in this process (default: number of cores)");
    private readonly Option<int?> _threadsPerRun = Options.Int("--threads-per-run", "N", 1, 1024, "engine threads per run (default 1)");

    private readonly Option<TimeSpan?> _runTimeout = Options.Seconds("--run-timeout", TimeSpan.FromDays(7).TotalSeconds,
        "a run computing longer fails and is not retried (default 7200)");

    private readonly Option<int?> _stressPaths = Options.Int("--stress-paths", "N", 1, SimulationSettings.MaxPaths,
        "paths per stress case (default: each scenario's own)");

    private readonly Option<double?> _driftSuccess = Options.Double("--drift-success", "X", 0, 1,
        "flag success-probability changes above X (absolute, default 0.01 = 1 point)");

    private readonly Option<double?> _driftBalance = Options.Double("--drift-balance", "X", 0, 100,
        "flag median-terminal-balance changes above X (relative, default 0.02 = 2%)");

    private readonly Option<TimeSpan?> _invisibility = Options.Seconds("--invisibility-timeout", TimeSpan.FromDays(1).TotalSeconds,
        "PostgreSQL sliding invisibility timeout (default 300)");

    private readonly Option<string?> _urls = Options.Text("--urls", "URLS",
        $"listening addresses, ';'-separated (default {ServerSettings.DefaultUrls})");

    private readonly Option<string?> _cron = Options.Text("--stress-cron", "CRON|off",
        $"nightly stress suite schedule, server local time (default \"{StressSuiteJob.DefaultCron}\")");

    private readonly Option<bool> _dashboardRemote = Options.Flag("--dashboard-remote", "let non-local requests see /hangfire (default: local only)");

    private readonly Option<string?> _allowedHosts = Options.Text("--allowed-hosts", "NAMES",
        "Host names answered besides loopback and the --urls hosts, ';'-separated (DNS-rebinding protection)");

    /// <summary>Adds the options of <c>serve</c> (<paramref name="serve"/>) or <c>worker</c> to <paramref name="command"/>.</summary>
    public ServerOptions(Command command, bool serve)
    {
        _serve = serve;
        if (serve)
        {
            command.Options.Add(_urls);
            command.Options.Add(_cron);
            command.Options.Add(_dashboardRemote);
            command.Options.Add(_allowedHosts);
        }

        foreach (var option in new Option[]
                 {
                     _storage, _connection, _schema, _out, _scenarios, _workers, _threadsPerRun, _runTimeout, _stressPaths,
                     _driftSuccess, _driftBalance, _invisibility,
                 })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Reads the settings; a rule between options that does not hold is a <see cref="UsageException"/>.</summary>
    public ServerSettings Read(ParseResult parse)
    {
        var connectionOption = parse.GetValue(_connection);
        var connection = connectionOption ?? Environment.GetEnvironmentVariable(ConnectionVariable);
        var storage = parse.GetValue(_storage) switch
        {
            null => connectionOption is not null ? StorageKind.Postgres : StorageKind.InMemory,
            "inmemory" => StorageKind.InMemory,
            "postgres" or "postgresql" => StorageKind.Postgres,
            var other => throw new UsageException($"--storage must be inmemory or postgres, not '{other}'"),
        };
        if (storage == StorageKind.Postgres && string.IsNullOrWhiteSpace(connection))
        {
            throw new UsageException($"--storage postgres needs --connection \"Host=...;Database=...;Username=...\" (or {ConnectionVariable})");
        }

        if (storage == StorageKind.InMemory && connectionOption is not null)
        {
            throw new UsageException("--connection is only for --storage postgres");
        }

        if (!_serve && storage != StorageKind.Postgres)
        {
            throw new UsageException("a worker needs a shared queue: --storage postgres --connection \"Host=...;Database=...\"");
        }

        var schema = parse.GetValue(_schema) ?? ServerSettings.DefaultPostgresSchema;
        if (!SchemaPattern().IsMatch(schema))
        {
            throw new UsageException($"--pg-schema must be a lowercase identifier (letters, digits, '_'), not '{schema}'");
        }

        var urls = (_serve ? parse.GetValue(_urls) : null) ?? ServerSettings.DefaultUrls;
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
            {
                throw new UsageException($"--urls must be http://HOST:PORT addresses separated by ';', not '{url}'");
            }
        }

        var cron = (_serve ? parse.GetValue(_cron) : null) ?? StressSuiteJob.DefaultCron;
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
            OutputDirectory = parse.GetValue(_out) ?? defaults.OutputDirectory,
            ScenariosDirectory = parse.GetValue(_scenarios) ?? defaults.ScenariosDirectory,
            ThreadsPerRun = parse.GetValue(_threadsPerRun) ?? defaults.ThreadsPerRun,
            RunTimeout = parse.GetValue(_runTimeout) ?? defaults.RunTimeout,
            StressPaths = parse.GetValue(_stressPaths),
            DriftSuccessThreshold = parse.GetValue(_driftSuccess) ?? defaults.DriftSuccessThreshold,
            DriftBalanceThreshold = parse.GetValue(_driftBalance) ?? defaults.DriftBalanceThreshold,
        };

        return new ServerSettings
        {
            Urls = urls,
            Storage = storage,
            Connection = storage == StorageKind.Postgres ? connection : null,
            PostgresSchema = schema,
            WorkerCount = parse.GetValue(_workers) ?? ServerSettings.DefaultWorkerCount,
            StressCron = cron,
            DashboardAllowRemote = _serve && parse.GetValue(_dashboardRemote),
            AllowedHosts = (_serve ? parse.GetValue(_allowedHosts) ?? "" : "")
                .Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            InvisibilityTimeout = parse.GetValue(_invisibility) ?? ServerSettings.DefaultInvisibilityTimeout,
            Jobs = jobs,
        };
    }

    [GeneratedRegex(@"^[a-z_][a-z0-9_]{0,62}\z")]
    private static partial Regex SchemaPattern();
}
