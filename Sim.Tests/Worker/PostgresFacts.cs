using System.Net;
using System.Net.Http.Json;
using System.Text;
using Hangfire.PostgreSql;
using Npgsql;
using Sim.Worker.Jobs;
using Sim.Worker.Server;

namespace Sim.Tests.Worker;

/// <summary>
/// Scale-out on a real PostgreSQL queue: one <c>serve</c> and two <c>worker</c> processes (the built Sim.Worker.dll)
/// share one queue and one output folder. Each fact uses its own schema, dropped at the end.
/// </summary>
public sealed class PostgresFacts : IAsyncLifetime, IDisposable
{
    private readonly ScratchFolder _root = new("sim-pg");
    private readonly string _schema = "simtest_" + Guid.NewGuid().ToString("N")[..12];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (PostgresFactAttribute.ConnectionString is { Length: > 0 } connection)
        {
            await using var db = new NpgsqlConnection(connection);
            await db.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE", db);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>xUnit calls this after <see cref="DisposeAsync"/>: the scratch folder goes once the schema is dropped.</summary>
    public void Dispose() => _root.Dispose();

    private string[] Shared(int workers) =>
    [
        "--storage", "postgres", "--connection", PostgresFactAttribute.ConnectionString!, "--pg-schema", _schema,
        "--out", _root.Combine("out"), "--scenarios", _root.Combine("scenarios"), "--workers", workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ];

    [PostgresFact]
    public async Task OneServeAndTwoWorkers_ComputeTwentyRuns_EachExactlyOnce()
    {
        TestScenarios.WriteLibrary(_root.Path, []);
        using var serve = WorkerProcess.Start(_root.Path, ["serve", "--urls", "http://127.0.0.1:0", "--stress-cron", "off", .. Shared(1)]);
        var address = await serve.WaitForListeningAsync();
        using var workerA = WorkerProcess.Start(_root.Path, ["worker", .. Shared(2)]);
        using var workerB = WorkerProcess.Start(_root.Path, ["worker", .. Shared(2)]);
        await workerA.WaitForLineAsync("worker:");
        await workerB.WaitForLineAsync("worker:");
        using var http = new HttpClient { BaseAddress = address };

        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var body = TestScenarios.Minimal($"pg{i:00}", salary: 50_000 + 1_000 * i, paths: 500);
            using var response = await http.PostAsync("/api/runs", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            ids.Add((await response.Content.ReadFromJsonAsync<RunView>(ApiClient.Json))!.Id);
        }

        var store = new RunStore(_root.Combine("out"));
        var finished = new List<RunView>();
        foreach (var id in ids)
        {
            finished.Add(await Deadline.UntilAsync(async () =>
            {
                var view = await http.GetFromJsonAsync<RunView>($"/api/runs/{id}", ApiClient.Json);
                return view is { Status: RunStatus.Succeeded or RunStatus.Failed } ? view : null;
            }, $"run {id}"));
        }

        Assert.All(finished, v => Assert.True(v.Status == RunStatus.Succeeded, $"{v.Id}: {v.Error}"));
        Assert.All(finished, v => Assert.Equal(1, v.Computations));
        foreach (var id in ids)
        {
            Assert.Equal([store.ResultDirectory(id)], Directory.EnumerateDirectories(store.RunDirectory(id)));
            foreach (var file in Directory.EnumerateFiles(store.ResultDirectory(id), "*.parquet"))
            {
                Assert.True(DuckDb.Count(file) > 0, file);
            }

            Assert.Equal(id, DuckDb.Scalar($"SELECT run_id FROM read_parquet('{DuckDb.Quote(Path.Combine(store.ResultDirectory(id), "summary.parquet"))}')"));
        }

        // Hangfire's own record: twenty jobs succeeded, none failed, none retried.
        var storage = new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(
            PostgresFactAttribute.ConnectionString!, new PostgreSqlStorageOptions { SchemaName = _schema, PrepareSchemaIfNecessary = false }, null),
            new PostgreSqlStorageOptions { SchemaName = _schema, PrepareSchemaIfNecessary = false });
        var monitoring = storage.GetMonitoringApi();
        Assert.Equal(20, monitoring.SucceededListCount());
        Assert.Equal(0, monitoring.FailedCount());
        Assert.Empty(_root.Temporaries(_root.Combine("out")));
        // Which process took which run is Hangfire's choice, but each was one of these three.
        var pids = new[] { serve.Id, workerA.Id, workerB.Id }.Select(p => ":" + p.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(ids, id => Assert.Contains(pids, p => store.LoadState(id)!.ComputedBy!.EndsWith(p, StringComparison.Ordinal)));

        await serve.TerminateAsync();
        await workerA.TerminateAsync();
        await workerB.TerminateAsync();
        Assert.Equal(0, serve.ExitCode);
    }
}
