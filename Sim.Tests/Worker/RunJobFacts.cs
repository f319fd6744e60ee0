using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Sim.Worker.Jobs;
using Sim.Worker.Server;

namespace Sim.Tests.Worker;

/// <summary>
/// The job's life cycle on a real in-process server (InMemory storage), with a scripted engine that can crash,
/// reject, or hold a run open until it is cancelled.
/// </summary>
public sealed class RunJobFacts : IDisposable
{
    private readonly ScratchFolder _root = new();

    public RunJobFacts() => TestScenarios.WriteLibrary(_root.Path, []);

    public void Dispose() => _root.Dispose();

    private async Task<(InProcessServer Server, ScriptedEngine Engine)> StartAsync(Func<JobSettings, JobSettings>? jobs = null)
    {
        var engine = new ScriptedEngine();
        var server = await InProcessServer.StartAsync(InProcessServer.Settings(_root.Path, jobs),
            s => s.AddSingleton<IRunEngine>(engine));
        return (server, engine);
    }

    private static async Task<RunView> PostAsync(InProcessServer server, string scenarioJson)
    {
        using var response = await server.Http.PostAsync("/api/runs", new StringContent(scenarioJson, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RunView>(ApiClient.Json))!;
    }

    [Fact]
    public async Task Crash_IsRetried_AndTheSecondComputationSucceeds()
    {
        var (server, engine) = await StartAsync();
        await using var _ = server;
        var run = await PostAsync(server, TestScenarios.Minimal("crash-once"));

        var done = await server.WaitForFinishAsync(run.Id);

        Assert.Equal(RunStatus.Succeeded, done.Status);
        Assert.Equal(2, done.Computations);
        Assert.Equal(2, engine.Started["crash-once"]);
        Assert.Equal(["summary.parquet"], done.Files.Select(f => f.Name));
        Assert.Empty(_root.Temporaries());
    }

    [Fact]
    public async Task Rejection_FailsTheRunAtOnce_WithoutRetry()
    {
        var (server, engine) = await StartAsync();
        await using var _ = server;
        var run = await PostAsync(server, TestScenarios.Minimal("reject"));

        var done = await server.WaitForFinishAsync(run.Id);

        Assert.Equal(RunStatus.Failed, done.Status);
        Assert.Equal("scripted rejection", done.Error);
        Assert.Equal(1, done.Computations);
        Assert.Equal(1, engine.Started["reject"]);
        Assert.False(server.Store.HasResult(run.Id));
        Assert.Empty(_root.Temporaries());
    }

    [Fact]
    public async Task ADeterministicCrash_FailsTheRunAtOnce_WithoutRetry()
    {
        // Issue 13, item 10: an overflow repeats on every attempt with the same inputs; it used to be retried 3 times.
        var (server, engine) = await StartAsync();
        await using var _ = server;
        var run = await PostAsync(server, TestScenarios.Minimal("overflow"));

        var done = await server.WaitForFinishAsync(run.Id);

        Assert.Equal(RunStatus.Failed, done.Status);
        Assert.Equal("OverflowException: scripted overflow", done.Error);
        Assert.Equal(1, engine.Started["overflow"]);
        Assert.Empty(_root.Temporaries());
    }

    [Fact]
    public async Task ResubmittingAFailedRun_QueuesItAgain()
    {
        var (server, _) = await StartAsync();
        await using var __ = server;
        var first = await PostAsync(server, TestScenarios.Minimal("reject"));
        await server.WaitForFinishAsync(first.Id);

        var second = await PostAsync(server, TestScenarios.Minimal("reject"));

        Assert.Equal(first.Id, second.Id);
        Assert.True(second.Created);
        Assert.Equal(RunStatus.Failed, (await server.WaitForFinishAsync(second.Id)).Status);
    }

    [Fact]
    public async Task Timeout_FailsTheRun_WithoutRetry_AndLeavesNoFiles()
    {
        var (server, engine) = await StartAsync(j => j with { RunTimeout = TimeSpan.FromSeconds(1) });
        await using var _ = server;
        var run = await PostAsync(server, TestScenarios.Minimal("hold"));

        var done = await server.WaitForFinishAsync(run.Id);

        Assert.Equal(RunStatus.Failed, done.Status);
        Assert.StartsWith("timed out after 00:00:01", done.Error, StringComparison.Ordinal);
        Assert.Equal(1, engine.Started["hold"]);
        Assert.False(server.Store.HasResult(run.Id));
        Assert.Empty(_root.Temporaries());
    }

    [Fact]
    public async Task Shutdown_CancelsTheComputation_AndARestartOnTheSameFolderCompletesIt()
    {
        string id;
        var (first, engine) = await StartAsync();
        await using (first)
        {
            id = (await PostAsync(first, TestScenarios.Minimal("hold"))).Id;
            await engine.Holding.Task.WaitAsync(Deadline.Default);
            Assert.Equal(RunStatus.Running, first.Store.LoadState(id)!.Status);
            await first.StopAsync();

            var interrupted = first.Store.LoadState(id)!;
            Assert.Equal(RunStatus.Queued, interrupted.Status);
            Assert.Contains("interrupted", interrupted.Error, StringComparison.Ordinal);
            Assert.Empty(_root.Temporaries());
        }

        // The restarted server re-queues the run from the run store; this time the engine lets it finish.
        var second = await InProcessServer.StartAsync(InProcessServer.Settings(_root.Path),
            s => s.AddSingleton<IRunEngine>(new FinishingEngine()));
        await using (second)
        {
            var done = await second.WaitForFinishAsync(id);

            Assert.Equal(RunStatus.Succeeded, done.Status);
            Assert.Equal(2, done.Computations);
            Assert.Equal(["summary.parquet"], Directory.EnumerateFiles(second.Store.ResultDirectory(id)).Select(Path.GetFileName));
            Assert.Single(Directory.EnumerateDirectories(second.Store.RunDirectory(id)));
            Assert.Empty(_root.Temporaries());
        }
    }

    [Fact]
    public async Task ASecondInMemoryServerOnTheSameFolder_RefusesToStart()
    {
        var (server, _) = await StartAsync();
        await using var __ = server;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => InProcessServer.StartAsync(InProcessServer.Settings(_root.Path)));

        Assert.Contains("another in-memory server is using", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The scripted engine, except that "hold" completes at once.</summary>
    private sealed class FinishingEngine : IRunEngine
    {
        private readonly ScriptedEngine _inner = new();

        public Sim.Engine.Scenarios.ScenarioParseResult Parse(string json, int defaultStartYear, string? defaultName = null) =>
            _inner.Parse(json, defaultStartYear, defaultName);

        public Task<EngineRunResult> RunAsync(Sim.Engine.Scenarios.Scenario scenario, string scenarioJson, string? scenarioDirectory,
            Sim.Worker.Runs.RunOverrides overrides, string outputDirectory, IProgress<double>? progress, CancellationToken cancellationToken) =>
            _inner.RunAsync(scenario with { Name = "finish" }, scenarioJson, scenarioDirectory, overrides, outputDirectory, progress, cancellationToken);
    }
}
