using System.Net;
using System.Net.Http.Json;
using System.Text;
using Sim.Worker.Files;
using Sim.Worker.Jobs;
using Sim.Worker.Output;
using Sim.Worker.Server;

namespace Sim.Tests.Worker;

/// <summary>
/// Issue 13, items 12-14: the CLI killed (SIGKILL) at each step of writing a run's folder never leaves a mixed
/// folder, and the next run cleans what it left; a server killed between publishing a run and saving its state
/// reports the run succeeded after a restart; an unusable --out is one line.
/// </summary>
public sealed class KillFacts : IDisposable
{
    private readonly ScratchFolder _root = new("sim-kill");

    public KillFacts() => TestScenarios.WriteLibrary(_root.Path, [("k", TestScenarios.Minimal("k", paths: 300))]);

    public void Dispose() => _root.Dispose();

    private string Scenario => _root.Combine("scenarios", "k.json");

    private string Out => _root.Combine("out");

    private async Task<(int Exit, IReadOnlyList<string> StdErr)> RunAsync(ulong seed, string? killAt = null)
    {
        var environment = killAt is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [CrashPoint.Variable] = killAt };
        using var process = WorkerProcess.Start(_root.Path, environment, "run", Scenario, "--out", Out, "--seed",
            seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await process.WaitForExitAsync(TimeSpan.FromSeconds(120));
        return (process.ExitCode, process.StdErr);
    }

    /// <summary>The seed every file of the published folder was computed with (all must agree).</summary>
    private IReadOnlyList<long> SeedsOfPublishedFiles()
    {
        var folder = Path.Combine(Out, "k");
        return Directory.EnumerateFiles(folder, "*.parquet")
            .Select(f => Convert.ToInt64(DuckDb.Scalar(
                $"SELECT decode(value) FROM parquet_kv_metadata('{DuckDb.Quote(f)}') WHERE decode(key) = 'seed'"),
                System.Globalization.CultureInfo.InvariantCulture))
            .Distinct()
            .ToList();
    }

    [Theory]
    [InlineData("cli-written")]
    [InlineData("cli-set-aside")]
    [InlineData("cli-swapped")]
    public async Task ACliRunKilledAtAnyWriteStep_LeavesTheOldOrTheNewFolder_NeverAMix(string step)
    {
        var (exit, stderr) = await RunAsync(seed: 1);
        Assert.True(exit == 0, string.Join("\n", stderr));
        Assert.Equal([1L], SeedsOfPublishedFiles());
        var files = Directory.EnumerateFiles(Path.Combine(Out, "k")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();

        var (killed, _) = await RunAsync(seed: 2, killAt: step);
        Assert.Equal(137, killed); // SIGKILL

        // The next run on the folder cleans up first; what it finds is one complete folder, old or new.
        OutputFolder.RecoverStale(Out);
        var seeds = SeedsOfPublishedFiles();
        Assert.Single(seeds);
        Assert.Equal(files, Directory.EnumerateFiles(Path.Combine(Out, "k")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Out, OutputFolder.StagingFolderName)));

        var (again, errors) = await RunAsync(seed: 3);
        Assert.True(again == 0, string.Join("\n", errors));
        Assert.Equal([3L], SeedsOfPublishedFiles());
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Out, OutputFolder.StagingFolderName)));
        Assert.Empty(_root.Temporaries(Out));
    }

    [Theory]
    [InlineData("/proc/nope")]
    [InlineData("FILE")]
    public async Task AnUnusableOutFolder_IsOneLine_ExitTwo_NoStackTrace(string outArgument)
    {
        var target = outArgument;
        if (outArgument == "FILE")
        {
            target = _root.Combine("a-file");
            File.WriteAllText(target, "not a folder");
        }

        var (exit, stdout, stderr) = await WorkerProcess.RunAsync(_root.Path, "run", Scenario, "--out", target);
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.StartsWith("error: ", Assert.Single(stderr), StringComparison.Ordinal);
        Assert.Contains("--out", stderr[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AServerKilledBetweenPublishAndStateUpdate_ReportsTheRunSucceeded_AfterARestart()
    {
        var store = new RunStore(Out);
        string id;
        string? firstJob;
        using (var first = WorkerProcess.Start(_root.Path, new Dictionary<string, string> { [CrashPoint.Variable] = "job-published" },
                   "serve", "--urls", "http://127.0.0.1:0", "--out", Out, "--scenarios", _root.Combine("scenarios"), "--workers", "1",
                   "--stress-cron", "off"))
        {
            using var http = new HttpClient { BaseAddress = await first.WaitForListeningAsync() };
            using var response = await http.PostAsync("/api/runs", new StringContent("""{"scenario": "k"}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var view = (await response.Content.ReadFromJsonAsync<RunView>(ApiClient.Json))!;
            id = view.Id;
            firstJob = view.Links.Dashboard;
            await first.WaitForExitAsync(TimeSpan.FromSeconds(120));
            Assert.Equal(137, first.ExitCode);
        }

        Assert.True(store.HasResult(id));
        Assert.Equal(RunStatus.Running, store.LoadState(id)!.Status);

        await using var second = await InProcessServer.StartAsync(InProcessServer.Settings(_root.Path));
        var run = await second.Http.GetFromJsonAsync<RunView>($"/api/runs/{id}", ApiClient.Json);
        Assert.Equal(RunStatus.Succeeded, run!.Status);
        Assert.Contains(run.Files, f => f.Name == "summary.parquet");

        // Resubmitting is answered from the store (200 succeeded), not 202 running forever.
        using var again = await second.Http.PostAsync("/api/runs", new StringContent("""{"scenario": "k"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        // A job id of the previous process is not kept: it would open another job on this one's dashboard.
        Assert.Null(run.Links.Dashboard);
        Assert.NotNull(firstJob);
        using var next = await second.Http.PostAsync("/api/runs", new StringContent(TestScenarios.Minimal("other", salary: 77_000), Encoding.UTF8, "application/json"));
        var nextView = (await next.Content.ReadFromJsonAsync<RunView>(ApiClient.Json))!;
        Assert.NotEqual(firstJob, nextView.Links.Dashboard);
    }
}
