using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Sim.Tests.Output;
using Sim.Tests.Scenarios;
using Sim.Worker.Jobs;
using Sim.Worker.Server;

namespace Sim.Tests.Worker;

/// <summary>One real server with the shipped baseline and roth-401k in its library.</summary>
public sealed class AnalysisServerFixture : IAsyncLifetime
{
    public ScratchFolder Root { get; } = new("sim-analysis");

    public InProcessServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        string shipped = Path.Combine(ScenarioTestSupport.RepositoryRoot(), "scenarios");
        TestScenarios.WriteLibrary(Root.Path, new[] { "baseline", "roth-401k" }.Select(n => (n, File.ReadAllText(Path.Combine(shipped, n + ".json")))));
        Server = await InProcessServer.StartAsync(InProcessServer.Settings(Root.Path));
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Root.Dispose();
    }
}

/// <summary>POST /api/solve, /api/compare, /api/sensitivity end to end: real server, real engine, Hangfire jobs, the
/// files read back with DuckDB, the results pages.</summary>
public sealed class AnalysisApiFacts(AnalysisServerFixture fixture) : IClassFixture<AnalysisServerFixture>
{
    private HttpClient Http => fixture.Server.Http;

    private async Task<(HttpStatusCode Status, AnalysisView View)> PostAsync(string kind, string body)
    {
        using var response = await Http.PostAsync("/api/" + kind, new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, $"{response.StatusCode}: {text}");
        return (response.StatusCode, JsonSerializer.Deserialize<AnalysisView>(text, ApiClient.Json)!);
    }

    private Task<AnalysisView> WaitAsync(AnalysisView v) => Deadline.UntilAsync(async () =>
    {
        var view = await Http.GetFromJsonAsync<AnalysisView>(v.Links.Self, ApiClient.Json);
        return view is { Status: RunStatus.Succeeded or RunStatus.Failed } ? view : null;
    }, $"{v.Kind} {v.Id}", TimeSpan.FromMinutes(3));

    private async Task<string> DownloadAsync(AnalysisView view, string name)
    {
        var file = Assert.Single(view.Files, f => f.Name == name);
        using var response = await Http.GetAsync(file.Href);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string local = fixture.Root.Combine($"{view.Id}-{name}");
        await File.WriteAllBytesAsync(local, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(file.Bytes, new FileInfo(local).Length);
        return local;
    }

    [Fact]
    public async Task Solve_RoundTrip_TheAnswerIsInTheParquetAndThePage_AndTheSameQuestionIsOneAnalysis()
    {
        const string body = """{"scenario": "baseline", "for": "withdrawals.amount", "target": "success=0.9", "paths": 400}""";
        var (status, queued) = await PostAsync("solve", body);
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal($"/solve/{queued.Id}", queued.Links.Page);
        var done = await WaitAsync(queued);
        Assert.True(done.Status == RunStatus.Succeeded, done.Error);
        Assert.StartsWith("withdrawals.amount = $", done.Answer, StringComparison.Ordinal);
        Assert.Equal(["solve.json", "solve.parquet", "solve.svg"], done.Files.Select(f => f.Name));

        var parquet = await DownloadAsync(done, "solve.parquet");
        var json = JsonDocument.Parse(await File.ReadAllTextAsync(await DownloadAsync(done, "solve.json"))).RootElement;
        Assert.Equal(json.GetProperty("trials").GetArrayLength(), DuckDb.Count(parquet));
        double answer = json.GetProperty("value").GetDouble();
        Assert.Equal(answer, Convert.ToDouble(DuckDb.Scalar($"SELECT value FROM read_parquet('{DuckDb.Quote(parquet)}') WHERE is_answer"),
            System.Globalization.CultureInfo.InvariantCulture));
        // The next dollar was tried and misses the target.
        Assert.Equal(false, DuckDb.Scalar($"SELECT meets FROM read_parquet('{DuckDb.Quote(parquet)}') WHERE value = {answer + 1}"));
        Assert.Equal(done.Id, DuckDb.Scalar($"SELECT DISTINCT analysis_id FROM read_parquet('{DuckDb.Quote(parquet)}')"));

        var (again, second) = await PostAsync("solve", """{"paths": 400, "for": "withdrawals.amount", "scenario": "baseline"}""");
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(done.Id, second.Id);

        string page = await Http.GetStringAsync(done.Links.Page);
        int answerAt = page.IndexOf("id=\"answer\"", StringComparison.Ordinal);
        Assert.True(answerAt > 0 && answerAt < page.IndexOf("id=\"picture\"", StringComparison.Ordinal)
                    && page.IndexOf("id=\"picture\"", StringComparison.Ordinal) < page.IndexOf("id=\"trials\"", StringComparison.Ordinal));
        Assert.Contains(System.Net.WebUtility.HtmlEncode(done.Answer!), page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_RoundTrip_TheTidyDifferencesReadBackInDuckDb()
    {
        var (_, queued) = await PostAsync("compare", """{"scenarios": ["baseline", "roth-401k"], "paths": 300}""");
        var done = await WaitAsync(queued);
        Assert.True(done.Status == RunStatus.Succeeded, done.Error);
        Assert.Equal(["compare.json", "comparison.parquet", "difference.svg"], done.Files.Select(f => f.Name));

        var parquet = await DownloadAsync(done, "comparison.parquet");
        var summary = JsonDocument.Parse(await File.ReadAllTextAsync(await DownloadAsync(done, "compare.json"))).RootElement;
        // 61 years × 15 metrics (income included) × (7 percentiles + mean + its standard error).
        Assert.Equal(61 * 15 * 9, DuckDb.Count(parquet));
        var statistics = DuckDb.Rows($"SELECT DISTINCT statistic FROM read_parquet('{DuckDb.Quote(parquet)}') ORDER BY statistic")
            .Select(r => (string)r[0]!).ToList();
        Assert.Equal(["mean", "mean_se", "p10", "p25", "p5", "p50", "p75", "p90", "p95"], statistics);
        // Before retirement the two lives hold the same balance on every path (to a millionth of a dollar: pre-tax and
        // Roth money add up in a different order).
        Assert.InRange(Convert.ToDouble(DuckDb.Scalar(
            $"SELECT max(abs(value)) FROM read_parquet('{DuckDb.Quote(parquet)}') WHERE metric = 'balance_real' AND age < 65"),
            System.Globalization.CultureInfo.InvariantCulture), 0, 1e-6);
        Assert.Equal(["baseline", "roth-401k"], summary.GetProperty("scenarios").EnumerateArray().Select(e => e.GetString()));
        Assert.True(summary.GetProperty("successDifferenceStandardError").GetDouble()
                    <= summary.GetProperty("successDifferenceUnpairedStandardError").GetDouble());

        string page = await Http.GetStringAsync(done.Links.Page);
        Assert.Contains("id=\"summary\"", page, StringComparison.Ordinal);
        Assert.Contains("difference.svg", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAnswersListing_AndTheHomePage_ListSolvesAndComparisons_NewestFirst_WithTheirSentenceAndLinks()
    {
        var (_, solveQueued) = await PostAsync("solve", """{"scenario": "baseline", "for": "withdrawals.amount", "paths": 120}""");
        var solve = await WaitAsync(solveQueued);
        var (_, compareQueued) = await PostAsync("compare", """{"scenarios": ["baseline", "roth-401k"], "paths": 120}""");
        var compare = await WaitAsync(compareQueued);
        Assert.True(solve.Status == RunStatus.Succeeded && compare.Status == RunStatus.Succeeded, solve.Error + compare.Error);

        var all = (await Http.GetFromJsonAsync<AnalysisListPage>("/api/analyses?limit=500", ApiClient.Json))!.Analyses;
        Assert.Equal(all.OrderByDescending(a => a.CreatedAt).Select(a => a.Id), all.Select(a => a.Id));
        var listed = Assert.Single(all, a => a.Id == compare.Id);
        Assert.Equal(compare.Answer, listed.Answer);
        Assert.Equal("roth-401k against baseline", listed.Subject);
        Assert.Equal($"/compare/{compare.Id}", listed.Links.Page);
        Assert.Contains(all, a => a.Id == solve.Id && a.Subject == "baseline: withdrawals.amount for 90% success");

        // Filters: kind, part of any scenario name (any case), status; paging with after.
        var compares = (await Http.GetFromJsonAsync<AnalysisListPage>("/api/analyses?kind=compare", ApiClient.Json))!.Analyses;
        Assert.NotEmpty(compares);
        Assert.All(compares, a => Assert.Equal("compare", a.Kind));
        var roth = (await Http.GetFromJsonAsync<AnalysisListPage>("/api/analyses?scenario=ROTH&status=succeeded", ApiClient.Json))!.Analyses;
        Assert.Contains(roth, a => a.Id == compare.Id);
        Assert.DoesNotContain(roth, a => a.Id == solve.Id);
        var first = (await Http.GetFromJsonAsync<AnalysisListPage>("/api/analyses?limit=1", ApiClient.Json))!;
        Assert.Equal($"/api/analyses?limit=1&after={all[0].Id}", first.Next);
        var second = (await Http.GetFromJsonAsync<AnalysisListPage>(first.Next, ApiClient.Json))!;
        Assert.Equal(all[1].Id, Assert.Single(second.Analyses).Id);
        using var bad = await Http.GetAsync("/api/analyses?kind=run&limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["kind", "limit"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());

        // The home page lists them after the runs, each question a link to its page with its one-sentence answer.
        string home = await Http.GetStringAsync("/");
        Assert.Contains("<h2 id=\"answers\">Answers: solve, compare, sensitivity</h2>", home, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/compare/{compare.Id}\">roth-401k against baseline</a><div class=\"answer\">{WebUtility.HtmlEncode(compare.Answer)}</div>",
            home, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/solve/{solve.Id}\">baseline: withdrawals.amount for 90% success</a><div class=\"answer\">{WebUtility.HtmlEncode(solve.Answer)}</div>",
            home, StringComparison.Ordinal);
        Assert.True(home.IndexOf(all[0].Id, StringComparison.Ordinal) < home.IndexOf(all[^1].Id, StringComparison.Ordinal), "newest first");
        Assert.Contains("No answers match.", await Http.GetStringAsync("/?scenario=no-such-name"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sensitivity_RoundTrip_TheTornadoRowsAreSortedBySwing_InDuckDb()
    {
        var (_, queued) = await PostAsync("sensitivity", """{"scenario": "baseline", "paths": 300}""");
        var done = await WaitAsync(queued);
        Assert.True(done.Status == RunStatus.Succeeded, done.Error);
        var parquet = await DownloadAsync(done, "sensitivity.parquet");
        var rows = DuckDb.Rows($"SELECT rank, swing FROM read_parquet('{DuckDb.Quote(parquet)}') ORDER BY rank");
        Assert.Equal(5, rows.Count);
        var swings = rows.Select(r => Convert.ToDouble(r[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(swings.OrderByDescending(s => s), swings);
        Assert.Contains("id=\"inputs\"", await Http.GetStringAsync(done.Links.Page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadRequests_AreProblemsThatNameTheField_AndOnlyJsonIsAccepted()
    {
        using var wrongType = await Http.PostAsync("/api/solve", new StringContent("""{"scenario": "baseline"}""", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        Assert.Equal("application/problem+json", wrongType.Content.Headers.ContentType?.MediaType);

        using var bad = await Http.PostAsync("/api/solve", new StringContent(
            """{"scenario": "nope", "for": "salary", "target": "success=2", "paths": 0, "extra": 1}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal(["$.extra", "$.for", "$.paths", "$.scenario", "$.target"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

        using var one = await Http.PostAsync("/api/compare", new StringContent("""{"scenarios": ["baseline"]}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, one.StatusCode);
        Assert.Contains("$.scenarios", await one.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var missing = await Http.GetAsync("/api/solve/0123456789abcdef");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var malformed = await Http.GetAsync("/api/solve/..%2Fsecret");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        using var page = await Http.GetAsync("/sensitivity/0123456789abcdef");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    [Fact]
    public async Task AFieldThatDoesNotApply_FailsTheAnalysis_WithTheReason()
    {
        var inline = File.ReadAllText(Path.Combine(ScenarioTestSupport.RepositoryRoot(), "scenarios", "baseline.json"))
            .Replace("\"initialRate\": 0.04", "\"amount\": 30000", StringComparison.Ordinal);
        var (_, queued) = await PostAsync("solve", $$"""{"scenario": {{inline}}, "for": "withdrawals.initialRate", "paths": 50}""");
        var done = await WaitAsync(queued);
        Assert.Equal(RunStatus.Failed, done.Status);
        Assert.Contains("amount is set", done.Error, StringComparison.Ordinal);
    }
}
