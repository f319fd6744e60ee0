using System.Net;
using System.Text;
using System.Text.Json;
using Sim.Worker.Cli;
using Sim.Worker.Jobs;
using Sim.Worker.Server;

namespace Sim.Tests.Worker;

/// <summary>The advisor verbs (enqueue, status) against a real server, and one-line usage errors (exit 2).</summary>
public sealed class CliFacts : IDisposable
{
    private readonly ScratchFolder _root = new("sim-cli");

    public CliFacts() => TestScenarios.WriteLibrary(_root.Path, [("baseline", TestScenarios.Minimal("baseline"))]);

    public void Dispose() => _root.Dispose();

    [Theory]
    [InlineData("unknown option '--bogus'", "serve", "--bogus")]
    [InlineData("--workers must be an integer from 1 to 256, not '0'", "serve", "--workers", "0")]
    [InlineData("--storage must be inmemory or postgres, not 'redis'", "serve", "--storage", "redis")]
    [InlineData("--storage postgres needs --connection", "serve", "--storage", "postgres")]
    [InlineData("--stress-cron must be a cron expression", "serve", "--stress-cron", "daily")]
    [InlineData("--stress-cron '99 2 * * *' is not a valid cron expression", "serve", "--urls", "http://127.0.0.1:0", "--stress-cron", "99 2 * * *")]
    [InlineData("--urls must be http://HOST:PORT", "serve", "--urls", "localhost")]
    [InlineData("a worker needs a shared queue", "worker")]
    [InlineData("missing SCENARIO.json", "enqueue")]
    [InlineData("'../etc' is not a run id", "status", "../etc")]
    [InlineData("--date must be YYYY-MM-DD", "stress", "--date", "10/03/2026")]
    [InlineData("--paths must be an integer", "stress", "--paths", "many")]
    [InlineData("--paths must be an integer from 1 to 10000000, not '0'", "run", "scenarios/baseline.json", "--paths", "0")]
    [InlineData("unknown option '--pathz'; allowed: --out, --overlay, --paths, --paths-out, --seed, --threads", "run", "x.json", "--pathz", "5")]
    [InlineData("--timeout must be a number of seconds", "status", "0123456789abcdef", "--timeout", "soon")]
    [InlineData("unknown command 'frobnicate'", "frobnicate")]
    public async Task AUsageMistake_IsOneLineAndExitCode2(string message, params string[] args)
    {
        var (exit, stdout, stderr) = await WorkerProcess.RunAsync(_root.Path, args);

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.StartsWith("error: " + message, stderr[0], StringComparison.Ordinal);
        Assert.DoesNotContain(stderr, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryVerb_AndTheRoot_HaveHelp_ThatDescribesEveryOption_AndExitZero()
    {
        var verbs = CommandLine.Verbs.Select(v => v()).ToList();
        Assert.Equal(["validate", "run", "calibrate", "serve", "worker", "enqueue", "status", "stress", "solve", "compare", "sensitivity"], verbs.Select(v => v.Name));
        foreach (var verb in verbs)
        {
            using var output = new StringWriter();
            using var error = new StringWriter();

            var exit = await CommandLine.InvokeAsync(CommandLine.Root(), [verb.Name, "--help"], output, error);

            Assert.True(exit == 0, $"{verb.Name} --help: exit {exit}, {error}");
            var help = output.ToString();
            Assert.Matches($@"Usage:\s+\S+ {verb.Name}\b", help);
            foreach (var option in verb.Options.Where(o => o.Name != "--help"))
            {
                Assert.False(string.IsNullOrWhiteSpace(option.Description), $"{verb.Name} {option.Name} has no description");
                Assert.Contains(option.Name, help, StringComparison.Ordinal);
                Assert.Contains(option.Description!.Split('(')[0].Trim(), help.ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
            }
        }

        using var rootOut = new StringWriter();
        Assert.Equal(0, await CommandLine.InvokeAsync(CommandLine.Root(), ["--help"], rootOut, TextWriter.Null));
        Assert.All(verbs, v => Assert.Contains(v.Name, rootOut.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void OptionsAreTyped_AndTheShortOutOptionIsAnOption()
    {
        var parse = CommandLine.Root().Parse(["run", "a.json", "-o", "elsewhere", "--paths", "300", "--seed", "7"]);

        Assert.Empty(parse.Errors);
        Assert.Equal(["a.json"], parse.GetValue<string[]>("SCENARIO.json")!);
        Assert.Equal("elsewhere", parse.GetValue<string?>("--out"));
        Assert.Equal(300, parse.GetValue<int?>("--paths"));
        Assert.Equal(7UL, parse.GetValue<ulong?>("--seed"));
    }

    [Fact]
    public async Task TheSameMistake_GetsTheSameWords_FromValidateRunEnqueueAndPost()
    {
        await using var server = await InProcessServer.StartAsync(InProcessServer.Settings(_root.Path));
        var url = server.Address.ToString();
        var comma = _root.Combine("comma.json");
        File.WriteAllText(comma, TestScenarios.Minimal("comma").Replace("\"salary\": 90000", "\"salary\": 90000,", StringComparison.Ordinal));
        var missing = _root.Combine("no-such-file.json");

        var validate = await WorkerProcess.RunAsync(_root.Path, "validate", comma, missing);
        var run = await WorkerProcess.RunAsync(_root.Path, "run", comma, "--out", _root.Combine("out"));
        var runMissing = await WorkerProcess.RunAsync(_root.Path, "run", missing);
        var enqueue = await WorkerProcess.RunAsync(_root.Path, "enqueue", comma, "--server", url);
        var enqueueMissing = await WorkerProcess.RunAsync(_root.Path, "enqueue", missing, "--server", url);
        using var post = await server.Http.PostAsync("/api/runs", new StringContent(File.ReadAllText(comma), Encoding.UTF8, "application/json"));
        var problem = JsonDocument.Parse(await post.Content.ReadAsStringAsync()).RootElement;

        var words = Assert.Single(validate.StdOut, l => l.Contains("malformed JSON", StringComparison.Ordinal)).Trim();
        Assert.Matches(@"^\$: malformed JSON at line 5, position \d+: a trailing comma is not allowed \(comments are\)$", words);
        Assert.Contains("  " + words, run.StdErr);
        Assert.Contains("  " + words, enqueue.StdErr);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Equal(words, "$: " + problem.GetProperty("errors").GetProperty("$")[0].GetString());

        var notFound = $"  $: file not found: {missing}";
        Assert.Contains(notFound, validate.StdOut);
        Assert.Contains(notFound, runMissing.StdErr);
        Assert.Contains(notFound, enqueueMissing.StdErr);
        Assert.Equal([1, 1, 1, 1, 1], new[] { validate.ExitCode, run.ExitCode, runMissing.ExitCode, enqueue.ExitCode, enqueueMissing.ExitCode });
    }

    [Fact]
    public async Task AnOverlay_ThroughRunEnqueueAndTheApi_IsOneRun_NamedScenarioDashOverlay()
    {
        File.WriteAllText(_root.Combine("scenarios", "stress", "fees.json"),
            TestScenarios.Overlay("fees", """{"fees": {"expenseRatio": 0.02}}"""));
        await using var server = await InProcessServer.StartAsync(InProcessServer.Settings(_root.Path));
        var scenario = _root.Combine("scenarios", "baseline.json");
        var overlay = _root.Combine("scenarios", "stress", "fees.json");

        var run = await WorkerProcess.RunAsync(_root.Path, "run", scenario, "--overlay", overlay, "--paths", "50", "-o", _root.Combine("cli-out"));
        using var post = await server.Http.PostAsync("/api/runs",
            new StringContent("""{"scenario": "baseline", "overlay": "fees", "paths": 50}""", Encoding.UTF8, "application/json"));
        var enqueue = await WorkerProcess.RunAsync(_root.Path, "enqueue", scenario, "--overlay", overlay, "--paths", "50",
            "--server", server.Address.ToString());

        Assert.True(run.ExitCode == 0, string.Join('\n', run.StdErr));
        Assert.StartsWith("baseline-fees  (run ", run.StdOut[0], StringComparison.Ordinal);
        var cliId = run.StdOut[0]["baseline-fees  (run ".Length..][..16];
        Assert.True(post.IsSuccessStatusCode, await post.Content.ReadAsStringAsync());
        var view = JsonSerializer.Deserialize<RunView>(await post.Content.ReadAsStringAsync(), ApiClient.Json)!;
        Assert.Equal(("baseline-fees", cliId), (view.Scenario, view.Id));
        Assert.True(enqueue.ExitCode == 0, string.Join('\n', enqueue.StdErr));
        Assert.Equal(cliId, enqueue.StdOut[0]);
        Assert.True(File.Exists(_root.Combine("cli-out", "baseline-fees", "summary.parquet")));

        using var unknown = await server.Http.PostAsync("/api/runs",
            new StringContent("""{"scenario": "baseline", "overlay": "no-such"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("no overlay named 'no-such'", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("serve")]
    [InlineData("worker")]
    public async Task AnUnreachableDatabase_IsOneLineAndExitCode1(string verb)
    {
        var (exit, stdout, stderr) = await WorkerProcess.RunAsync(_root.Path, verb, "--connection",
            "Host=127.0.0.1;Port=9;Username=x;Password=y;Database=z;Timeout=5");

        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.StartsWith("error: cannot connect to PostgreSQL: ", Assert.Single(stderr), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enqueue_PrintsTheRunId_AndStatusFollowsItToTheEnd()
    {
        await using var server = await InProcessServer.StartAsync(InProcessServer.Settings(_root.Path));
        var url = server.Address.ToString();
        var file = _root.Combine("mine.json");
        File.WriteAllText(file, TestScenarios.Minimal("mine", paths: 10_000));

        var (exit, stdout, stderr) = await WorkerProcess.RunAsync(_root.Path, "enqueue", file, "--server", url, "--paths", "300", "--wait");

        Assert.True(exit == 0, string.Join('\n', stderr));
        var id = stdout[0];
        Assert.True(RunIds.IsWellFormed(id), id);
        Assert.Contains(stderr, l => l.StartsWith($"run {id}: succeeded", StringComparison.Ordinal));

        var status = await WorkerProcess.RunAsync(_root.Path, "status", id, "--server", url);
        Assert.Equal(0, status.ExitCode);
        Assert.StartsWith($"run {id}: succeeded", status.StdOut[0], StringComparison.Ordinal);
        Assert.Contains(status.StdOut, l => l.Contains("300 paths", StringComparison.Ordinal));
        Assert.Contains(status.StdOut, l => l.Contains($"/api/runs/{id}/files/summary.parquet", StringComparison.Ordinal));

        var json = await WorkerProcess.RunAsync(_root.Path, "status", id, "--server", url, "--json");
        Assert.Equal("succeeded", JsonDocument.Parse(string.Join('\n', json.StdOut)).RootElement.GetProperty("status").GetString());

        var named = await WorkerProcess.RunAsync(_root.Path, "enqueue", "--name", "baseline", "--server", url);
        Assert.Equal(0, named.ExitCode);
        Assert.True(RunIds.IsWellFormed(named.StdOut[0]));
    }

    [Fact]
    public async Task Enqueue_OfAnInvalidScenario_ListsEveryErrorAndExits1()
    {
        await using var server = await InProcessServer.StartAsync(InProcessServer.Settings(_root.Path));
        var file = _root.Combine("bad.json");
        File.WriteAllText(file, """{"name": "bad name", "simulation": {"paths": 0}}""");

        var (exit, stdout, stderr) = await WorkerProcess.RunAsync(_root.Path, "enqueue", file, "--server", server.Address.ToString());

        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.StartsWith("error: 400 The run request is invalid", stderr[0], StringComparison.Ordinal);
        Assert.Contains(stderr, l => l.StartsWith("  $.name: ", StringComparison.Ordinal));
        Assert.Contains(stderr, l => l.StartsWith("  $.simulation.paths: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Enqueue_ToNoServer_SaysSoInOneLine()
    {
        var file = _root.Combine("scenarios", "baseline.json");

        var (exit, _, stderr) = await WorkerProcess.RunAsync(_root.Path, "enqueue", file, "--server", "http://127.0.0.1:9");

        Assert.Equal(1, exit);
        Assert.StartsWith("error: cannot reach the server at http://127.0.0.1:9/", Assert.Single(stderr), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stress_RunsTheSuiteOnce_WithAPathsOverride()
    {
        File.WriteAllText(_root.Combine("scenarios", "stress", "fees.json"),
            TestScenarios.Overlay("fees", """{"fees": {"expenseRatio": 0.02}}"""));

        var (exit, stdout, stderr) = await WorkerProcess.RunAsync(_root.Path, "stress", "--scenarios", _root.Combine("scenarios"),
            "--out", _root.Combine("out"), "--paths", "100", "--date", "2026-03-10");

        Assert.True(exit == 0, string.Join('\n', stderr));
        Assert.Equal(["baseline/none: ", "baseline/fees: "], stdout.Take(2).Select(l => l[..(l.IndexOf(':', StringComparison.Ordinal) + 2)]));
        Assert.StartsWith("stress: 2 case(s), 0 flagged", stdout[2], StringComparison.Ordinal);
        var partition = _root.Combine("out", "nightly", "date=2026-03-10");
        Assert.Equal(2, DuckDb.Count(Path.Combine(partition, "drift.parquet")));
        Assert.Equal(100L, DuckDb.Scalar($"SELECT paths FROM read_parquet('{DuckDb.Quote(Path.Combine(partition, "scenario=baseline", "stress=fees", "summary.parquet"))}')"));
        Assert.Empty(_root.Temporaries(_root.Combine("out")));
    }
}
