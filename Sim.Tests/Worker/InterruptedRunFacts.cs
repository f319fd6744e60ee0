using System.Net;
using System.Net.Http.Json;
using System.Text;
using Sim.Worker.Jobs;
using Sim.Worker.Server;

namespace Sim.Tests.Worker;

/// <summary>
/// A server stopped in the middle of a long run (the real engine, the built Sim.Worker.dll as a process) and started
/// again on the same output folder: in-memory storage forgets its queue, so the run store on disk re-queues the run
/// (see RunRecovery). The run completes, with exactly one complete set of files and no temporary files.
/// </summary>
public sealed class InterruptedRunFacts : IDisposable
{
    /// <summary>Paths of the long run: long enough to be caught mid-computation on one thread (about 2-3 s on an idle
    /// machine with the engine optimized; 100,000 paths finished before the stop could reach it).</summary>
    public const int LongRunPaths = 1_000_000;

    private readonly ScratchFolder _root = new("sim-interrupt");

    public InterruptedRunFacts() =>
        TestScenarios.WriteLibrary(_root.Path, [("long", TestScenarios.Minimal("long", paths: LongRunPaths))]);

    public void Dispose() => _root.Dispose();

    private WorkerProcess StartServe(int threads) => WorkerProcess.Start(_root.Path, "serve", "--urls", "http://127.0.0.1:0",
        "--out", _root.Combine("out"), "--scenarios", _root.Combine("scenarios"), "--workers", "1",
        "--threads-per-run", threads.ToString(System.Globalization.CultureInfo.InvariantCulture), "--stress-cron", "off");

    private static async Task<RunView> GetAsync(HttpClient http, string id) =>
        (await http.GetFromJsonAsync<RunView>($"/api/runs/{id}", ApiClient.Json))!;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AServerStoppedMidRun_CompletesItAfterARestart_WithOneSetOfFiles(bool kill)
    {
        string id;
        var store = new RunStore(_root.Combine("out"));
        using (var first = StartServe(threads: 1))
        {
            using var http = new HttpClient { BaseAddress = await first.WaitForListeningAsync() };
            using var response = await http.PostAsync("/api/runs", new StringContent("""{"scenario": "long"}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            id = (await response.Content.ReadFromJsonAsync<RunView>(ApiClient.Json))!.Id;
            await Deadline.UntilAsync(async () => await GetAsync(http, id) is { Status: RunStatus.Running, Progress: > 0 } v ? v : null,
                "the run to be under way");

            if (kill)
            {
                await first.KillAsync(); // as a crash or a power cut: no shutdown code runs
            }
            else
            {
                await first.TerminateAsync(); // SIGTERM: the job is cancelled and the run put back to queued
                Assert.Equal(0, first.ExitCode);
                Assert.Equal(RunStatus.Queued, store.LoadState(id)!.Status);
                Assert.Empty(_root.Temporaries(_root.Combine("out")));
            }

            Assert.False(store.HasResult(id), "the run finished before it could be interrupted: raise LongRunPaths");
        }

        using var second = StartServe(threads: Environment.ProcessorCount);
        using var again = new HttpClient { BaseAddress = await second.WaitForListeningAsync() };
        var done = await Deadline.UntilAsync(async () => await GetAsync(again, id) is { Status: RunStatus.Succeeded or RunStatus.Failed } v ? v : null,
            "the run to finish after the restart", TimeSpan.FromMinutes(3));

        Assert.True(done.Status == RunStatus.Succeeded, done.Error);
        Assert.Equal(2, done.Computations);
        Assert.Equal([store.ResultDirectory(id)], Directory.EnumerateDirectories(store.RunDirectory(id)));
        Assert.Equal(
            ["percentiles.parquet", "summary.parquet", "yearly.parquet"],
            Directory.EnumerateFiles(store.ResultDirectory(id), "*.parquet").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(done.Files.Select(f => f.Name).Order(StringComparer.Ordinal),
            Directory.EnumerateFiles(store.ResultDirectory(id)).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(1, DuckDb.Count(Path.Combine(store.ResultDirectory(id), "summary.parquet")));
        Assert.Equal((long)LongRunPaths, DuckDb.Scalar($"SELECT paths FROM read_parquet('{DuckDb.Quote(Path.Combine(store.ResultDirectory(id), "summary.parquet"))}')"));
        Assert.Empty(_root.Temporaries(_root.Combine("out")));
        await second.TerminateAsync();
    }
}
