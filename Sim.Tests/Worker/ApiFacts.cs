using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Sim.Worker.Jobs;
using Sim.Worker.Server;

namespace Sim.Tests.Worker;

/// <summary>One real server (Kestrel on 127.0.0.1, random port, InMemory storage, the real engine) for the API facts.</summary>
public sealed class ApiServerFixture : IAsyncLifetime
{
    public ScratchFolder Root { get; } = new("sim-api");

    public InProcessServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        TestScenarios.WriteLibrary(Root.Path,
            Enumerable.Range(0, 10).Select(i => ($"s{i:00}", TestScenarios.Minimal($"s{i:00}", salary: 60_000 + 5_000 * i))));
        File.WriteAllText(Root.Combine("secret.json"), TestScenarios.Minimal("secret"));
        Server = await InProcessServer.StartAsync(InProcessServer.Settings(Root.Path));
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Root.Dispose();
    }
}

/// <summary>The HTTP API end to end: real server, real engine, files read back with DuckDB.</summary>
public sealed class ApiFacts(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private InProcessServer Server => fixture.Server;

    private HttpClient Http => fixture.Server.Http;

    private async Task<(HttpStatusCode Status, RunView View)> PostAsync(string body)
    {
        using var response = await Http.PostAsync("/api/runs", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, $"{response.StatusCode}: {text}");
        return (response.StatusCode, JsonSerializer.Deserialize<RunView>(text, ApiClient.Json)!);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static IReadOnlyList<string> ErrorPaths(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();

    [Fact]
    public async Task TenRuns_AllSucceed_AndEveryFileReadsBackInDuckDb()
    {
        // Half inline scenario bodies, half named library files with an envelope.
        var submitted = new List<RunView>();
        for (var i = 0; i < 10; i++)
        {
            var body = i % 2 == 0
                ? TestScenarios.Minimal($"s{i:00}", salary: 60_000 + 5_000 * i)
                : $$"""{"scenario": "s{{i:00}}", "paths": 200}""";
            var (status, view) = await PostAsync(body);
            Assert.Equal(HttpStatusCode.Accepted, status);
            Assert.Equal($"/api/runs/{view.Id}", view.Links.Self);
            submitted.Add(view);
        }

        Assert.Equal(10, submitted.Select(v => v.Id).Distinct().Count());
        var download = fixture.Root.Combine("download");
        Directory.CreateDirectory(download);
        foreach (var run in submitted)
        {
            var done = await Server.WaitForFinishAsync(run.Id);
            Assert.True(done.Status == RunStatus.Succeeded, $"run {run.Id}: {done.Status} {done.Error}");
            Assert.Equal(100, done.Progress);
            Assert.Equal(1, done.Computations);
            Assert.NotNull(done.SuccessProbability);
            Assert.Contains(done.Files, f => f.Name == "summary.parquet");
            Assert.Contains(done.Files, f => f.Name == "percentiles.parquet");
            foreach (var file in done.Files)
            {
                using var response = await Http.GetAsync(file.Href);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var local = Path.Combine(download, $"{run.Id}-{file.Name}");
                await File.WriteAllBytesAsync(local, await response.Content.ReadAsByteArrayAsync());
                Assert.Equal(file.Bytes, new FileInfo(local).Length);
                if (file.Name.EndsWith(".svg", StringComparison.Ordinal))
                {
                    Assert.Equal(ApiEndpoints.SvgMediaType, response.Content.Headers.ContentType?.MediaType);
                    continue;
                }

                Assert.Equal(ApiEndpoints.ParquetMediaType, response.Content.Headers.ContentType?.MediaType);
                Assert.True(DuckDb.Count(local) > 0, $"{file.Name} of {run.Id} has no rows");
            }

            var summary = Path.Combine(download, $"{run.Id}-summary.parquet");
            Assert.Equal(1, DuckDb.Count(summary));
            Assert.Equal(run.Id, DuckDb.Scalar($"SELECT run_id FROM read_parquet('{DuckDb.Quote(summary)}')"));
        }

        Assert.Empty(fixture.Root.Temporaries(fixture.Root.Combine("out")));
    }

    [Fact]
    public async Task TheSameRequestTwice_IsOneRun_ComputedOnce()
    {
        var scenario = TestScenarios.Minimal("twice", salary: 123_456);
        var reformatted = JsonSerializer.Serialize(JsonDocument.Parse(scenario).RootElement, new JsonSerializerOptions { WriteIndented = false });

        var (_, first) = await PostAsync(scenario);
        var (_, second) = await PostAsync(reformatted);

        Assert.Equal(first.Id, second.Id);
        Assert.True(first.Created);
        Assert.Equal(first.Links.Dashboard, second.Links.Dashboard);
        var done = await Server.WaitForFinishAsync(first.Id);
        Assert.Equal(RunStatus.Succeeded, done.Status);

        var (status, third) = await PostAsync(scenario);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(third.Created);
        Assert.Equal(first.Id, third.Id);
        Assert.Equal(1, (await Server.WaitForFinishAsync(first.Id)).Computations);
        Assert.Equal([Server.Store.ResultDirectory(first.Id)], Directory.EnumerateDirectories(Server.Store.RunDirectory(first.Id)));
    }

    [Fact]
    public async Task AnotherSeedOrPathCount_IsAnotherRun()
    {
        var (_, a) = await PostAsync("""{"scenario": "s01", "paths": 200, "seed": 1}""");
        var (_, b) = await PostAsync("""{"scenario": "s01", "paths": 200, "seed": 2}""");
        var (_, c) = await PostAsync("""{"scenario": "s01", "paths": 201, "seed": 1}""");

        Assert.Equal(3, new[] { a.Id, b.Id, c.Id }.Distinct().Count());
        Assert.Equal((200, 2UL), (b.Paths!.Value, b.Seed!.Value));
    }

    [Fact]
    public async Task AnInvalidScenario_Gives400_ListingEveryErrorWithItsPath()
    {
        var body = """{"name": "not a file name!", "simulation": {"paths": 0, "seed": -1}, "participant": {"birthYear": 1970, "salry": 1}}""";

        using var response = await Http.PostAsync("/api/runs", new StringContent(body, Encoding.UTF8, "application/json"));

        var paths = ErrorPaths(await ProblemAsync(response, HttpStatusCode.BadRequest));
        Assert.Contains("$.name", paths);
        Assert.Contains("$.simulation.paths", paths);
        Assert.Contains("$.simulation.seed", paths);
        Assert.Contains("$.participant.salry", paths);
    }

    [Fact]
    public async Task AnInvalidEnvelope_ReportsItsOwnErrorsAndTheInlineScenariosUnderScenario()
    {
        var body = """{"scenario": {"name": "x y", "simulation": {"paths": 0}}, "paths": -5, "seed": "one", "colour": 1}""";

        using var response = await Http.PostAsync("/api/runs", new StringContent(body, Encoding.UTF8, "application/json"));

        var paths = ErrorPaths(await ProblemAsync(response, HttpStatusCode.BadRequest));
        Assert.Contains("$.paths", paths);
        Assert.Contains("$.seed", paths);
        Assert.Contains("$.colour", paths);
        Assert.Contains("$.scenario.name", paths);
        Assert.Contains("$.scenario.simulation.paths", paths);
    }

    [Fact]
    public async Task MalformedJson_Gives400AtTheRoot()
    {
        using var response = await Http.PostAsync("/api/runs", new StringContent("{\"name\": ", Encoding.UTF8, "application/json"));

        Assert.Equal(["$"], ErrorPaths(await ProblemAsync(response, HttpStatusCode.BadRequest)));
    }

    [Theory]
    [InlineData("../secret")]
    [InlineData("..")]
    [InlineData("/etc/passwd")]
    [InlineData("..\\\\secret")]
    [InlineData("stress/../../secret")]
    [InlineData("nope")]
    public async Task AScenarioNameThatIsAPathOrUnknown_IsRejected(string name)
    {
        var body = $$"""{"scenario": "{{name}}"}""";

        using var response = await Http.PostAsync("/api/runs", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["$.scenario"], ErrorPaths(problem));
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("../../secret.csv")]
    public async Task AHistoryFileOutsideTheLibrary_IsRejected(string history)
    {
        var scenario = JsonDocument.Parse(TestScenarios.Minimal("hist")).RootElement;
        var body = scenario.GetRawText().TrimEnd()[..^1] + $$$""", "returns": {"model": "bootstrap", "history": "{{{history}}}"}}""";

        using var response = await Http.PostAsync("/api/runs", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Contains("$.returns.history", ErrorPaths(await ProblemAsync(response, HttpStatusCode.BadRequest)));
    }

    [Theory]
    [InlineData("..%2Fstate.json")]
    [InlineData("..%2F..%2F..%2Fsecret.json")]
    [InlineData("%2Fetc%2Fpasswd")]
    [InlineData("state.json")]
    [InlineData("request.json")]
    public async Task AFileNameThatIsAPath_IsRejected(string name)
    {
        var (_, run) = await PostAsync("""{"scenario": "s02", "paths": 200}""");
        await Server.WaitForFinishAsync(run.Id);

        using var response = await Http.GetAsync($"/api/runs/{run.Id}/files/{name}");

        await ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("..%2F..%2Fsecret")]
    [InlineData("0123456789ABCDEF")]
    public async Task ARunIdThatIsNotAnId_IsRejected(string id)
    {
        using var response = await Http.GetAsync($"/api/runs/{id}");

        await ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AnUnknownRunOrFile_Gives404()
    {
        using var run = await Http.GetAsync("/api/runs/0000000000000000");
        await ProblemAsync(run, HttpStatusCode.NotFound);
        using var file = await Http.GetAsync("/api/runs/0000000000000000/files/summary.parquet");
        await ProblemAsync(file, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ABodyOver1MiB_Gives413()
    {
        var body = TestScenarios.Minimal("big").TrimEnd()[..^1] + ", \"description\": \"" + new string('x', 1 << 20) + "\"}";

        using var response = await Http.PostAsync("/api/runs", new StringContent(body, Encoding.UTF8, "application/json"));

        await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task TheDashboard_AnswersOnLoopback()
    {
        using var response = await Http.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Sim.Worker", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheScenarioLibrary_IsListed()
    {
        var library = await Http.GetFromJsonAsync<JsonElement>("/api/scenarios");

        var names = library.GetProperty("scenarios").EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"s{i:00}"), names);
        Assert.Equal("test scenario s03", library.GetProperty("scenarios")[3].GetProperty("description").GetString());
    }
}
