using System.Text.Json;
using System.Text.Json.Serialization;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sim.Worker.Jobs;

namespace Sim.Worker.Server;

/// <summary>
/// Builds the two kinds of process: <see cref="CreateServer"/> (Kestrel + HTTP API + dashboard + Hangfire server)
/// and <see cref="CreateWorker"/> (Hangfire server only). Everything Hangfire uses (storage, filters, activator)
/// comes from the host's own container, so hosts do not share static state.
/// </summary>
public static class SimHost
{
    /// <summary>Builds the API server. <paramref name="configure"/> runs last, so its registrations win.</summary>
    public static WebApplication CreateServer(ServerSettings settings, Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = Directory.GetCurrentDirectory(),
            EnvironmentName = Environments.Production,
        });
        ConfigureLogging(builder.Logging);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<RunRequestReader>();
        builder.Services.AddSingleton<AnalysisRequestReader>();
        builder.Services.AddSingleton(new ValidationGate(settings.MaxConcurrentValidations, settings.ValidationWait));
        builder.Services.AddAntiforgery(); // Hangfire's dashboard then puts a token in its pages and requires it on every POST
        builder.Services.AddHostFiltering(o =>
        {
            o.AllowedHosts = [.. WebSecurity.AllowedHosts(settings)];
            o.AllowEmptyHosts = false;
            o.IncludeFailureMessage = true;
        });
        builder.Services.AddHostedService<StressSchedule>();
        AddWorkerServices(builder.Services, settings);
        configure?.Invoke(builder.Services);

        var app = builder.Build();
        app.Urls.Clear();
        foreach (var url in settings.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            app.Urls.Add(url);
        }

        app.UseHostFiltering();
        WebSecurity.Use(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = settings.DashboardAllowRemote ? [new OpenDashboard()] : [new LocalRequestsOnlyAuthorizationFilter()],

            // Deleting, requeuing and triggering jobs: only from this machine (and, through the antiforgery token
            // registered above, only from the dashboard's own pages). A remote viewer sees it read-only.
            IsReadOnlyFunc = context => !(context.GetHttpContext() is { } http && WebSecurity.IsLoopback(http)),
            DashboardTitle = "Sim.Worker",
            DisplayStorageConnectionString = false,
        }, app.Services.GetRequiredService<JobStorage>());
        DashboardLinks.RegisterJobPageLink();
        RunListing.Map(app);
        AnalysisListing.Map(app);
        ApiEndpoints.Map(app);
        ResultsPage.Map(app);
        AnalysisEndpoints.Map(app);
        return app;
    }

    /// <summary>Builds a headless worker: the Hangfire server on the shared queue, no HTTP.</summary>
    public static IHost CreateWorker(ServerSettings settings, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = Directory.GetCurrentDirectory(),
            EnvironmentName = Environments.Production,
        });
        ConfigureLogging(builder.Logging);
        AddWorkerServices(builder.Services, settings);
        configure?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>The addresses Kestrel actually bound (with port 0 resolved), once started.</summary>
    public static IReadOnlyList<string> BoundAddresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];

    private static void AddWorkerServices(IServiceCollection services, ServerSettings settings)
    {
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        services.AddSingleton(settings);
        services.AddSingleton(settings.Jobs);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new RunStore(settings.Jobs.OutputPath));
        services.AddSingleton<IRunEngine, RunEngine>();
        services.AddSingleton<RunSubmitter>();
        services.AddSingleton<RunStateFilter>();
        services.AddTransient<RunJob>();
        services.AddTransient<StressSuite>();
        services.AddTransient<StressSuiteJob>();
        services.AddSingleton(_ => new Sim.Worker.Analysis.AnalysisStore(settings.Jobs.OutputPath));
        services.AddSingleton<Sim.Worker.Analysis.AnalysisSubmitter>();
        services.AddTransient<Sim.Worker.Analysis.AnalysisJob>();

        // Registered before AddHangfire, whose TryAdd registrations then leave them alone.
        services.AddSingleton(_ => CreateStorage(settings));
        services.AddSingleton<IJobFilterProvider>(sp => new HostJobFilterProvider(sp.GetRequiredService<RunStateFilter>()));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(HangfireLog.Provider));

        if (settings.Storage == StorageKind.InMemory)
        {
            // Before the Hangfire server: unfinished runs are back in the queue before a worker looks at it.
            services.AddSingleton<RunRecovery>();
            services.AddHostedService(sp => sp.GetRequiredService<RunRecovery>());
        }

        services.AddHangfireServer((_, options) =>
        {
            options.WorkerCount = settings.WorkerCount;
            options.ServerName = $"sim-{Environment.MachineName}-{Environment.ProcessId}";
            options.ShutdownTimeout = TimeSpan.FromSeconds(20);
            options.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            options.HeartbeatInterval = TimeSpan.FromSeconds(10);
        });
    }

    /// <summary>The queue storage the settings name.</summary>
    public static JobStorage CreateStorage(ServerSettings settings)
    {
        if (settings.Storage == StorageKind.InMemory)
        {
            // Guid job ids: the queue starts empty after a restart, and counting from 1 again would make the
            // dashboard links of earlier runs open other jobs.
            return new InMemoryStorage(new InMemoryStorageOptions { IdType = InMemoryStorageIdType.Guid });
        }

        var options = new PostgreSqlStorageOptions
        {
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = settings.QueuePollInterval,
            InvisibilityTimeout = settings.InvisibilityTimeout,
            UseSlidingInvisibilityTimeout = true,
            DistributedLockTimeout = TimeSpan.FromMinutes(1),
            SchemaName = settings.PostgresSchema,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(settings.Connection!, options, null), options);
    }

    private static void ConfigureLogging(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        logging.SetMinimumLevel(LogLevel.Information);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("Hangfire", LogLevel.Warning);

        // A failed start is reported by the verb in one line; the host's own report is a stack trace.
        logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
    }

    /// <summary>
    /// Opens (and closes) one connection to the queue's PostgreSQL, so an unreachable database is one clear
    /// error at start rather than a server that retries in the background. Null when it connects.
    /// </summary>
    public static async Task<string?> CheckStorageAsync(ServerSettings settings)
    {
        if (settings.Storage != StorageKind.Postgres)
        {
            return null;
        }

        try
        {
            await using var connection = new Npgsql.NpgsqlConnection(settings.Connection);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await connection.OpenAsync(timeout.Token);
            return null;
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or ArgumentException or InvalidOperationException or OperationCanceledException)
        {
            return $"cannot connect to PostgreSQL: {e.Message}";
        }
    }

    /// <summary>
    /// Hangfire's log provider is process-wide (static), so it must not belong to one host's logger factory:
    /// a disposed host would take it down with it. One console factory for the process, warnings and up.
    /// </summary>
    private static class HangfireLog
    {
        private static readonly ILoggerFactory Factory = LoggerFactory.Create(b => b
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            })
            .SetMinimumLevel(LogLevel.Warning));

        public static readonly Hangfire.Logging.ILogProvider Provider = new AspNetCoreLogProvider(Factory);
    }

    private sealed class OpenDashboard : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => true;
    }
}
