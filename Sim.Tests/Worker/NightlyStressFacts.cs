using System.Net;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Sim.Worker.Jobs;

namespace Sim.Tests.Worker;

/// <summary>
/// The nightly stress suite on a real server (real engine, fixed clock): its recurring registration, the
/// Hive-partitioned dataset, and drift.parquet against the previous night.
/// </summary>
public sealed class NightlyStressFacts : IDisposable
{
    private readonly ScratchFolder _root = new("sim-nightly");
    private readonly FixedClock _clock = new(new DateTimeOffset(2026, 3, 10, 2, 0, 0, TimeSpan.Zero));

    public NightlyStressFacts() => TestScenarios.WriteLibrary(_root.Path,
        [("alpha", TestScenarios.Minimal("alpha", salary: 80_000)), ("beta", TestScenarios.Minimal("beta", salary: 120_000))],
        [
            ("crash", TestScenarios.Overlay("crash", """{"returns": {"shocks": [{"yearsAfterRetirement": 0, "returns": {"stocks": -0.4}}]}}""")),
            ("fees", TestScenarios.Overlay("fees", """{"fees": {"expenseRatio": 0.02}}""")),
        ]);

    public void Dispose() => _root.Dispose();

    private Task<InProcessServer> StartAsync(string? cron = StressSuiteJob.DefaultCron) =>
        InProcessServer.StartAsync(InProcessServer.Settings(_root.Path, j => j with { StressPaths = 200 }) with { StressCron = cron },
            s => s.AddSingleton<TimeProvider>(_clock));

    private string Partition(string night) => _root.Combine("out", "nightly", "date=" + night);

    private async Task<string> WaitForDriftAsync(string night) => await Deadline.UntilAsync(() =>
    {
        var path = Path.Combine(Partition(night), DriftReport.FileName);
        return Task.FromResult(File.Exists(path) ? path : null);
    }, $"drift.parquet of {night}");

    [Fact]
    public async Task TheNightlyJob_IsRegisteredWithItsCron_InTheClocksTimeZone()
    {
        await using (var server = await StartAsync())
        {
            using var connection = server.Storage.GetConnection();
            var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == StressSuiteJob.RecurringJobId);
            Assert.Equal("0 2 * * *", job.Cron);
            Assert.Equal("UTC", job.TimeZoneId);
            Assert.Equal(nameof(StressSuiteJob.RunAsync), job.Job.Method.Name);
        }

        await using (var custom = await StartAsync("30 3 * * 1-5"))
        {
            using var connection = custom.Storage.GetConnection();
            Assert.Equal("30 3 * * 1-5", Assert.Single(connection.GetRecurringJobs()).Cron);
        }

        await using var off = await StartAsync(cron: null);
        using var none = off.Storage.GetConnection();
        Assert.Empty(none.GetRecurringJobs());
    }

    [Fact]
    public async Task TriggeredTwice_WritesThePartitionedDataset_AndDriftAgainstThePreviousNight()
    {
        await using var server = await StartAsync();
        var recurring = server.App.Services.GetRequiredService<IRecurringJobManager>();

        // Night one: triggered as the scheduler would.
        recurring.Trigger(StressSuiteJob.RecurringJobId);
        var firstDrift = await WaitForDriftAsync("2026-03-10");

        var nightly = DuckDb.Quote(_root.Combine("out", "nightly"));
        var cases = DuckDb.Rows($"""
            SELECT scenario, stress, count(*) FROM read_parquet('{nightly}/*/scenario=*/stress=*/summary.parquet', hive_partitioning = true)
            GROUP BY ALL ORDER BY ALL
            """);
        Assert.Equal(
            ["alpha/crash", "alpha/fees", "alpha/none", "beta/crash", "beta/fees", "beta/none"],
            cases.Select(r => $"{r[0]}/{r[1]}"));
        Assert.All(cases, r => Assert.Equal(1L, Convert.ToInt64(r[2], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(6, DuckDb.Count(firstDrift));
        Assert.Equal(0L, DuckDb.Scalar($"SELECT count(*) FILTER (WHERE flagged OR previous_night IS NOT NULL OR status <> 'ok') FROM read_parquet('{DuckDb.Quote(firstDrift)}')"));
        var baseline = DuckDb.Rows($"SELECT success_probability, median_terminal_balance FROM read_parquet('{DuckDb.Quote(firstDrift)}') WHERE scenario = 'alpha' AND stress = 'none'").Single();
        var crash = DuckDb.Rows($"SELECT success_probability, median_terminal_balance FROM read_parquet('{DuckDb.Quote(firstDrift)}') WHERE scenario = 'alpha' AND stress = 'crash'").Single();
        Assert.True((double)crash[1]! < (double)baseline[1]!, "a 40% crash at retirement lowers the median terminal balance");

        // Night two: alpha earns more (its median moves), beta is unchanged (same seed: same numbers); queued over HTTP.
        _clock.Now = _clock.Now.AddDays(1);
        File.WriteAllText(_root.Combine("scenarios", "alpha.json"), TestScenarios.Minimal("alpha", salary: 160_000));
        using var response = await server.Http.PostAsync("/api/stress", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var secondDrift = await WaitForDriftAsync("2026-03-11");

        var rows = DuckDb.Rows($"""
            SELECT scenario, stress, flagged, previous_night, success_probability_change, median_terminal_balance_change
            FROM read_parquet('{DuckDb.Quote(secondDrift)}') ORDER BY scenario, stress
            """);
        Assert.Equal(6, rows.Count);
        Assert.All(rows, r => Assert.Equal("2026-03-10", r[3]));
        Assert.All(rows.Where(r => (string)r[0]! == "beta"), r =>
        {
            Assert.False((bool)r[2]!);
            Assert.Equal(0.0, (double)r[4]!);
            Assert.Equal(0.0, (double)r[5]!);
        });
        Assert.All(rows.Where(r => (string)r[0]! == "alpha"), r =>
        {
            Assert.True((bool)r[2]!, "alpha's median terminal balance moved far more than 2%");
            Assert.True((double)r[5]! > 0.02);
        });
        Assert.Equal(2, Directory.EnumerateDirectories(_root.Combine("out", "nightly")).Count());
        Assert.Empty(_root.Temporaries(_root.Combine("out")));
    }
}
