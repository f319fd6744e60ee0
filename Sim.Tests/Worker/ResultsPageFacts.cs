using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Sim.Tests.Output;
using Sim.Tests.Scenarios;
using Sim.Worker.Jobs;
using Sim.Worker.Output;
using Sim.Worker.Server;
using Xunit.Abstractions;

namespace Sim.Tests.Worker;

/// <summary>One real server with one succeeded run of the shipped baseline scenario (300 paths) for the page facts.</summary>
public sealed class ResultsPageFixture : IAsyncLifetime
{
    public const int Paths = 300;

    public ScratchFolder Root { get; } = new("sim-page");

    public InProcessServer Server { get; private set; } = null!;

    /// <summary>The succeeded baseline run.</summary>
    public RunView Run { get; private set; } = null!;

    /// <summary>Its summary.parquet, downloaded through the API.</summary>
    public string SummaryFile => Root.Combine("summary.parquet");

    public string BaselineDescription { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var baseline = File.ReadAllText(Path.Combine(ScenarioTestSupport.RepositoryRoot(), "scenarios", "baseline.json"));
        BaselineDescription = JsonDocument.Parse(baseline).RootElement.GetProperty("description").GetString()!;
        TestScenarios.WriteLibrary(Root.Path, [("baseline", baseline)]);
        Server = await InProcessServer.StartAsync(InProcessServer.Settings(Root.Path));

        using var response = await Server.Http.PostAsync("/api/runs",
            new StringContent($$"""{"scenario": "baseline", "paths": {{Paths}}}""", Encoding.UTF8, "application/json"));
        var queued = JsonSerializer.Deserialize<RunView>(await response.Content.ReadAsStringAsync(), ApiClient.Json)!;
        Run = await Server.WaitForFinishAsync(queued.Id);
        Assert.True(Run.Status == RunStatus.Succeeded, $"baseline run {Run.Id}: {Run.Status} {Run.Error}");
        await File.WriteAllBytesAsync(SummaryFile, await Server.Http.GetByteArrayAsync($"/api/runs/{Run.Id}/files/summary.parquet"));
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Root.Dispose();
    }

    /// <summary>A column of the run's summary.parquet, read with DuckDB (not with the page's own reader).</summary>
    public double Summary(string column) => Convert.ToDouble(
        DuckDb.Scalar($"SELECT {column} FROM read_parquet('{DuckDb.Quote(SummaryFile)}')"), CultureInfo.InvariantCulture);
}

/// <summary>
/// <c>GET /runs/{id}</c> end to end: a real server on loopback, the real engine, the page read as text and, when
/// headless Chromium is installed, as a browser renders it (DOM and screenshot pixels).
/// </summary>
public sealed class ResultsPageFacts(ResultsPageFixture fixture, ITestOutputHelper output) : IClassFixture<ResultsPageFixture>
{
    private InProcessServer Server => fixture.Server;

    private string Id => fixture.Run.Id;

    private async Task<(HttpStatusCode Status, string? ContentType, string Body, HttpResponseMessage Response)> GetPageAsync(string path)
    {
        var response = await Server.Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.Content.Headers.ContentType?.ToString(), body, response);
    }

    private static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Dollars(double value) => "$" + value.ToString("N0", CultureInfo.InvariantCulture);

    [Fact]
    public async Task ASucceededRun_ShowsTheScenarioTheSummaryTheFanChartAndTheFiles()
    {
        var (status, contentType, html, response) = await GetPageAsync($"/runs/{Id}");
        using var _ = response;

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/html; charset=utf-8", contentType);
        Assert.Contains("<h1 id=\"scenario\">baseline</h1>", html, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(fixture.BaselineDescription), html, StringComparison.Ordinal);
        Assert.Contains("<strong>succeeded</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http-equiv=\"refresh\"", html, StringComparison.Ordinal);

        // The numbers are summary.parquet's, as DuckDB reads them, formatted as the page promises.
        var p = fixture.Summary("success_probability");
        Assert.InRange(p, 0.01, 0.999); // a baseline whose success is 0 or 1 would make this fact too weak
        Assert.Contains($"<span id=\"success\">{Percent(p)}</span> of 300 paths never run out", html, StringComparison.Ordinal);
        Assert.Contains($"<dt>success (never ran out)</dt><dd>{Percent(p)}</dd>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(p.ToString("0.######", CultureInfo.InvariantCulture), html, StringComparison.Ordinal); // one format, not two
        foreach (var level in new[] { "10", "50", "90" })
        {
            var real = fixture.Summary($"terminal_balance_real_p{level}");
            var nominal = fixture.Summary($"terminal_balance_p{level}");
            Assert.Contains($"<th>p{level}</th><td>{Dollars(real)}</td><td>{Dollars(nominal)}</td>", html, StringComparison.Ordinal);
        }

        // The median and upper balances run to six and seven digits: they show thousands separators.
        Assert.True(fixture.Summary("terminal_balance_real_p50") >= 100_000, "the baseline's median balance is too small for this fact");
        Assert.Contains($"<td>{Dollars(fixture.Summary("terminal_balance_real_p50"))}</td>", html, StringComparison.Ordinal);
        Assert.Matches(@"<th>p50</th><td>\$\d{1,3}(,\d{3})+</td><td>\$\d{1,3}(,\d{3})+</td>", html);
        Assert.Contains($"<dt>peak age (median balance, nominal dollars)</dt><dd>{fixture.Summary("peak_age").ToString(CultureInfo.InvariantCulture)}</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>median failure age (failed paths only)</dt>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>paths</dt><dd>300</dd>", html, StringComparison.Ordinal);
        Assert.Contains($"<dt>seed</dt><dd>{fixture.Run.Seed!.Value.ToString(CultureInfo.InvariantCulture)}</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>return model</dt><dd>lognormal</dd>", html, StringComparison.Ordinal);
        Assert.Contains($"<dt>engine version</dt><dd>{WebUtility.HtmlEncode(fixture.Run.EngineVersion)}</dd>", html, StringComparison.Ordinal);

        var chart = $"/api/runs/{Id}/files/{FanChart.FileName}";
        Assert.Contains($"<img src=\"{chart}\"", html, StringComparison.Ordinal);
        using var svg = await Server.Http.GetAsync(chart);
        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal(ApiEndpoints.SvgMediaType, svg.Content.Headers.ContentType?.MediaType);

        foreach (var file in fixture.Run.Files.Where(f => f.Name.EndsWith(".parquet", StringComparison.Ordinal)))
        {
            Assert.Contains($"<a href=\"{file.Href}\" download>{file.Name}</a>", html, StringComparison.Ordinal);
        }

        Assert.Contains(fixture.Run.Files, f => f.Name == ResultParquet.PercentilesFile);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ResultsPage.ContentSecurityPolicy, string.Join(";", response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task TheIncomeTable_ShowsNetIncomeWithdrawalsAndTaxesByAge_AsThePercentilesFileHasThem()
    {
        var (_, _, html, response) = await GetPageAsync($"/runs/{Id}");
        using var _ = response;
        var percentiles = fixture.Root.Combine("percentiles.parquet");
        var yearly = fixture.Root.Combine("yearly.parquet");
        await File.WriteAllBytesAsync(percentiles, await Server.Http.GetByteArrayAsync($"/api/runs/{Id}/files/percentiles.parquet"));
        await File.WriteAllBytesAsync(yearly, await Server.Http.GetByteArrayAsync($"/api/runs/{Id}/files/yearly.parquet"));
        string Cell(string metric, int age, int level) => Units.Money(Convert.ToDouble(DuckDb.Scalar(
            $"SELECT value FROM read_parquet('{DuckDb.Quote(percentiles)}') WHERE metric = '{metric}' AND age = {age} AND percentile = {level}"),
            CultureInfo.InvariantCulture));

        Assert.Contains("<h2>Retirement income by age</h2>", html, StringComparison.Ordinal);
        Assert.Contains("net income, today's dollars", html, StringComparison.Ordinal);
        foreach (var age in new[] { 65, 70, 95 }) // the baseline retires at 65 and plans to 95
        {
            var funded = 1 - Convert.ToDouble(DuckDb.Scalar($"SELECT share_failed FROM read_parquet('{DuckDb.Quote(yearly)}') WHERE age = {age}"),
                CultureInfo.InvariantCulture);
            var cells = new[] { "net_income_real", "withdrawals", "taxes" }
                .SelectMany(m => new[] { 10, 50, 90 }.Select(l => $"<td>{Cell(m, age, l)}</td>"));
            Assert.Contains($"<tr><th>{age}</th><td>{WebUtility.HtmlEncode(Units.Percent(funded))}</td>{string.Concat(cells)}</tr>", html,
                StringComparison.Ordinal);
        }

        Assert.True(Convert.ToDouble(DuckDb.Scalar(
            $"SELECT value FROM read_parquet('{DuckDb.Quote(percentiles)}') WHERE metric = 'net_income_real' AND age = 65 AND percentile = 50"),
            CultureInfo.InvariantCulture) > 1_000, "the baseline pays an income at 65; a zero would make this fact weak");
        Assert.DoesNotContain("<tr><th>64</th>", html, StringComparison.Ordinal); // before retirement: no income rows

        var realPeak = Convert.ToInt32(DuckDb.Scalar($"SELECT age FROM read_parquet('{DuckDb.Quote(percentiles)}') " +
                                                     "WHERE metric = 'balance_real' AND percentile = 50 ORDER BY value DESC, age LIMIT 1"),
            CultureInfo.InvariantCulture);
        Assert.Contains($"<dt>peak age (median balance, today&#39;s dollars)</dt><dd>{realPeak}</dd>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SocialSecurity_ShowsOnThePage_AsAFactAndAnIncomeColumn_OnlyWhenTheScenarioHasIncomeStreams()
    {
        // The shipped claim-at-70 scenario: born 1991, PIA $2,800 claimed at 70 (124%): the first full year is 2062,
        // age 71, paying 2,800 × 12 × 1.24 = $41,664 in today's dollars on every path.
        var body = File.ReadAllText(Path.Combine(ScenarioTestSupport.RepositoryRoot(), "scenarios", "social-security-claim-70.json"))
            .Replace("\"paths\": 10000", "\"paths\": 60", StringComparison.Ordinal);
        using var post = await Server.Http.PostAsync("/api/runs", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.True(post.IsSuccessStatusCode, await post.Content.ReadAsStringAsync());
        var run = await Server.WaitForFinishAsync(JsonSerializer.Deserialize<RunView>(await post.Content.ReadAsStringAsync(), ApiClient.Json)!.Id);
        Assert.Equal(RunStatus.Succeeded, run.Status);
        var summary = fixture.Root.Combine("ss-summary.parquet");
        var percentiles = fixture.Root.Combine("ss-percentiles.parquet");
        await File.WriteAllBytesAsync(summary, await Server.Http.GetByteArrayAsync($"/api/runs/{run.Id}/files/summary.parquet"));
        await File.WriteAllBytesAsync(percentiles, await Server.Http.GetByteArrayAsync($"/api/runs/{run.Id}/files/percentiles.parquet"));

        var row = DuckDb.Rows($"SELECT income_age, income_real, income_level_nominal FROM read_parquet('{DuckDb.Quote(summary)}')").Single();
        Assert.Equal(71, Convert.ToInt32(row[0], CultureInfo.InvariantCulture));
        Assert.Equal(41_664, Convert.ToDouble(row[1], CultureInfo.InvariantCulture), 6);
        Assert.Equal(0, Convert.ToDouble(row[2], CultureInfo.InvariantCulture));

        var (_, _, html, response) = await GetPageAsync($"/runs/{run.Id}");
        using var _ = response;
        Assert.Contains("<dt>Social Security and pensions at 71 (first full year), today&#39;s dollars</dt><dd>$41,664 a year</dd>", html,
            StringComparison.Ordinal);
        Assert.Contains("<th colspan=\"3\" class=\"group\">Social Security and pensions, nominal dollars</th>", html, StringComparison.Ordinal);
        string Cell(string metric, int age, int level) => Units.Money(Convert.ToDouble(DuckDb.Scalar(
            $"SELECT value FROM read_parquet('{DuckDb.Quote(percentiles)}') WHERE metric = '{metric}' AND age = {age} AND percentile = {level}"),
            CultureInfo.InvariantCulture));
        foreach (var age in new[] { 65, 75 })
        {
            var cells = new[] { "net_income_real", "income", "withdrawals", "taxes" }
                .SelectMany(m => new[] { 10, 50, 90 }.Select(l => $"<td>{Cell(m, age, l)}</td>"));
            Assert.Matches($"<tr><th>{age}</th><td>[^<]*</td>{System.Text.RegularExpressions.Regex.Escape(string.Concat(cells))}</tr>", html);
        }

        Assert.Contains("<td>$0</td><td>$0</td><td>$0</td>", html, StringComparison.Ordinal); // 65: before the claim, no benefit
        Assert.True(Convert.ToDouble(DuckDb.Scalar($"SELECT value FROM read_parquet('{DuckDb.Quote(percentiles)}') " +
                                                   "WHERE metric = 'income' AND age = 75 AND percentile = 50"), CultureInfo.InvariantCulture) > 41_664,
            "at 75 the nominal benefit has grown with inflation");

        // The baseline has no income streams: null columns, no fact, no column.
        Assert.Equal(DBNull.Value, DuckDb.Scalar($"SELECT income_age FROM read_parquet('{DuckDb.Quote(fixture.SummaryFile)}')") ?? DBNull.Value);
        var (_, _, baseline, r2) = await GetPageAsync($"/runs/{Id}");
        using var __ = r2;
        Assert.DoesNotContain("Social Security", baseline, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStrategyThatCannotFail_SaysSo_InsteadOfASuccessRate()
    {
        var body = TestScenarios.Minimal("rmd-only", paths: 60)
            .Replace("\"participant\"", "\"withdrawals\": { \"strategy\": \"rmdOnly\" }, \"participant\"", StringComparison.Ordinal);
        using var post = await Server.Http.PostAsync("/api/runs", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.True(post.IsSuccessStatusCode, await post.Content.ReadAsStringAsync());
        var run = await Server.WaitForFinishAsync(JsonSerializer.Deserialize<RunView>(await post.Content.ReadAsStringAsync(), ApiClient.Json)!.Id);
        Assert.Equal(RunStatus.Succeeded, run.Status);

        var (_, _, html, response) = await GetPageAsync($"/runs/{run.Id}");
        using var _ = response;

        Assert.Contains("cannot run out: rmdOnly withdraws only the required minimum", html, StringComparison.Ordinal);
        Assert.DoesNotContain("paths never run out", html, StringComparison.Ordinal);
        Assert.DoesNotContain("median failure age", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHomePage_ListsTheRun_WithItsScenarioSuccessAndLinks()
    {
        var (status, contentType, html, response) = await GetPageAsync("/");
        using var _ = response;

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/html; charset=utf-8", contentType);
        Assert.Contains("<h1>Runs</h1>", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/runs/{Id}\">baseline</a>", html, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(fixture.BaselineDescription), html, StringComparison.Ordinal);
        Assert.Contains($"<td class=\"num\">300</td><td class=\"num\">{Percent(fixture.Summary("success_probability"))}</td>", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/api/runs/{Id}\">JSON</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);

        var (_, _, filtered, r2) = await GetPageAsync("/?scenario=no-such-name");
        using var __ = r2;
        Assert.Contains("No runs match.", filtered, StringComparison.Ordinal);
        Assert.DoesNotContain($"/runs/{Id}", filtered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRunListing_FiltersByScenarioAndStatus_AndPagesNewestFirst()
    {
        for (var i = 0; i < 3; i++)
        {
            using var post = await Server.Http.PostAsync("/api/runs",
                new StringContent(TestScenarios.Minimal("pager", salary: 50_000 + i, paths: 20), Encoding.UTF8, "application/json"));
            var queued = JsonSerializer.Deserialize<RunView>(await post.Content.ReadAsStringAsync(), ApiClient.Json)!;
            await Server.WaitForFinishAsync(queued.Id);
        }

        var first = await Server.Http.GetFromJsonAsync<JsonElement>("/api/runs?scenario=PAGER&status=succeeded&limit=2");
        var page1 = first.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(2, page1.Count);
        Assert.All(page1, r => Assert.Equal("pager", r.GetProperty("scenario").GetString()));
        var next = first.GetProperty("next").GetString()!;
        Assert.Equal($"/api/runs?scenario=PAGER&status=succeeded&limit=2&after={page1[1].GetProperty("id").GetString()}", next);
        var second = await Server.Http.GetFromJsonAsync<JsonElement>(next);
        var page2 = second.GetProperty("runs").EnumerateArray().ToList();
        Assert.Single(page2);
        Assert.False(second.TryGetProperty("next", out _), "the last page has no next link");

        var created = page1.Concat(page2).Select(r => r.GetProperty("createdAt").GetDateTimeOffset()).ToList();
        Assert.Equal(created.OrderByDescending(c => c), created);
        Assert.Equal(3, page1.Concat(page2).Select(r => r.GetProperty("id").GetString()).Distinct().Count());
        Assert.All(page1, r => Assert.StartsWith("/runs/", r.GetProperty("links").GetProperty("page").GetString(), StringComparison.Ordinal));

        using var bad = await Server.Http.GetAsync("/api/runs?status=done&limit=0&after=../x");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["after", "limit", "status"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
    }

    [Fact]
    public async Task TheHangfireDashboard_NamesTheJobByItsScenario_AndLinksToTheResultsPage()
    {
        var jobPage = fixture.Run.Links.Dashboard!;
        var (status, _, html, response) = await GetPageAsync(jobPage);
        using var _ = response;
        var (_, _, list, listResponse) = await GetPageAsync("/hangfire/jobs/succeeded");
        using var __ = listResponse;

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"baseline · run {Id}", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/runs/{Id}\">/runs/{Id}</a>", html, StringComparison.Ordinal);
        Assert.Contains($"baseline · run {Id}", WebUtility.HtmlDecode(list), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRunJson_LinksToThePage()
    {
        var view = await Server.Http.GetFromJsonAsync<JsonElement>($"/api/runs/{Id}");

        var page = view.GetProperty("links").GetProperty("page").GetString();
        Assert.Equal($"/runs/{Id}", page);
        Assert.Equal($"/api/runs/{Id}", view.GetProperty("links").GetProperty("self").GetString());
        using var response = await Server.Http.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ADescriptionWithMarkup_IsEscaped()
    {
        const string description = "<script>alert('x')</script> & \"<b>bold</b>\"";
        var scenario = JsonDocument.Parse(TestScenarios.Minimal("markup", paths: 50)).RootElement;
        var body = scenario.GetRawText().Replace("\"test scenario markup\"", JsonSerializer.Serialize(description), StringComparison.Ordinal);
        using var post = await Server.Http.PostAsync("/api/runs", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.True(post.IsSuccessStatusCode, await post.Content.ReadAsStringAsync());
        var run = JsonSerializer.Deserialize<RunView>(await post.Content.ReadAsStringAsync(), ApiClient.Json)!;

        var (status, _, html, response) = await GetPageAsync($"/runs/{run.Id}");
        using var _ = response;

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<p id=\"description\" class=\"description\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;&lt;b&gt;bold&lt;/b&gt;&quot;</p>",
            html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RunStatus.Queued, 0.0, "<strong>queued</strong> — waiting for a worker.")]
    [InlineData(RunStatus.Running, 42.5, "<strong>running</strong> — 42.5% done.")]
    public async Task AnUnfinishedRun_ShowsItsProgress_AndRefreshesEveryTwoSeconds(RunStatus runStatus, double progress, string expected)
    {
        var id = SeedRun(runStatus == RunStatus.Queued ? "00000000000000a1" : "00000000000000a2",
            new RunState { RunId = "", Status = runStatus, Progress = progress, CreatedAt = DateTimeOffset.UnixEpoch });

        var (status, _, html, response) = await GetPageAsync($"/runs/{id}");
        using var _ = response;

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<meta http-equiv=\"refresh\" content=\"2\">", html, StringComparison.Ordinal);
        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.Contains("<h1 id=\"scenario\">seeded</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailedRun_ShowsTheReason_Escaped_AndDoesNotRefresh()
    {
        var id = SeedRun("00000000000000a3", new RunState
        {
            RunId = "",
            Status = RunStatus.Failed,
            CreatedAt = DateTimeOffset.UnixEpoch,
            FinishedAt = new DateTimeOffset(2026, 3, 10, 14, 5, 9, TimeSpan.Zero),
            Error = "history file <none> was not found",
        });

        var (status, _, html, response) = await GetPageAsync($"/runs/{id}");
        using var _ = response;

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<strong>failed</strong> — 2026-03-10 14:05:09 UTC", html, StringComparison.Ordinal);
        Assert.Contains("Reason: history file &lt;none&gt; was not found", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http-equiv=\"refresh\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownRun_IsA404Page()
    {
        var (status, contentType, html, response) = await GetPageAsync("/runs/0000000000000000");
        using var _ = response;

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("text/html; charset=utf-8", contentType);
        Assert.Contains("<h1>No such run</h1>", html, StringComparison.Ordinal);
    }

    /// <summary>
    /// Each malformed id names a folder that really exists in the run store, holding a copy of the succeeded run:
    /// a page that looked at the disk before validating the id would find it and answer 200.
    /// </summary>
    [Theory]
    [InlineData("0123456789ABCDEF")]
    [InlineData("0123456789abcdef0")]
    [InlineData("0123456789abcde")]
    [InlineData("run-0123456789ab")]
    public async Task AMalformedId_IsA404Page_EvenWhenAFolderOfThatNameExists(string id)
    {
        var decoy = Path.Combine(Server.Store.Root, id);
        CopyDirectory(Server.Store.RunDirectory(Id), decoy);
        Assert.True(File.Exists(Path.Combine(decoy, "state.json")));

        var (status, contentType, html, response) = await GetPageAsync($"/runs/{id}");
        using var _ = response;

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("text/html; charset=utf-8", contentType);
        Assert.Contains("<h1>Not a run id</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("baseline", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("..%2F..%2Fsecret")]
    [InlineData("%2Fetc%2Fpasswd")]
    public async Task APathAsId_IsA404Page(string id)
    {
        var (status, _, html, response) = await GetPageAsync($"/runs/{id}");
        using var _ = response;

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("<h1>Not a run id</h1>", html, StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task Chromium_RenderedHomePage_ListsTheRunWithALinkToItsPage()
    {
        var dom = await HeadlessChromium.DumpDomAsync(new Uri(Server.Address, "/"));

        Assert.Contains("<h1>Runs</h1>", dom, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/runs/{Id}\">baseline</a>", dom, StringComparison.Ordinal);
        Assert.Contains($"<td class=\"num\">{Percent(fixture.Summary("success_probability"))}</td>", dom, StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task Chromium_RenderedDom_HasTheScenarioAndTheSuccessProbability()
    {
        var dom = await HeadlessChromium.DumpDomAsync(new Uri(Server.Address, $"/runs/{Id}"));

        Assert.Contains("<h1 id=\"scenario\">baseline</h1>", dom, StringComparison.Ordinal);
        Assert.Contains($"<span id=\"success\">{Percent(fixture.Summary("success_probability"))}</span>", dom, StringComparison.Ordinal);
        Assert.Contains($"<img src=\"/api/runs/{Id}/files/fan.svg\"", dom, StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task Chromium_Screenshot_IsNotBlank_AndShowsTheFanChartsBandsAndMedian()
    {
        var folder = Directory.CreateTempSubdirectory("sim-page-").FullName;
        var png = Path.Combine(folder, "page.png");

        await HeadlessChromium.ScreenshotAsync(new Uri(Server.Address, $"/runs/{Id}"), png, 1200, 1400);
        output.WriteLine($"screenshot: {png}");

        var image = Png.Read(png);
        Assert.Equal((1200, 1400), (image.Width, image.Height));
        var total = image.Width * image.Height;
        var nonWhite = image.Count(c => c.R < 245 || c.G < 245 || c.B < 245);
        output.WriteLine($"non-white pixels: {nonWhite} of {total}");
        Assert.True(nonWhite > total / 20, $"only {nonWhite} of {total} pixels are not white: the page looks blank");

        // The chart is drawn at ~99% of its 960x600 size; each band covers tens of thousands of pixels there (see
        // FanChartPictureFacts), and none of these colours appears anywhere else on the page.
        foreach (var band in FanChart.Bands)
        {
            var n = image.Count(Png.Near(band.Color));
            output.WriteLine($"band {band.Label} {band.Color}: {n} pixels");
            Assert.True(n > 20_000, $"band {band.Label} ({band.Color}) covers only {n} pixels: the fan chart is missing");
        }

        var median = image.Count(Png.Near(FanChart.MedianColor));
        output.WriteLine($"median {FanChart.MedianColor}: {median} pixels");
        Assert.True(median > 1_000, $"median line: only {median} pixels of {FanChart.MedianColor}");
    }

    /// <summary>Writes a run that is not (yet) computed into the store: request and state, as the submitter would.</summary>
    private string SeedRun(string id, RunState state)
    {
        Server.Store.SaveRequest(id, new RunRequest
        {
            ScenarioJson = """{"description":"a seeded run","name":"seeded"}""",
            ScenarioName = "seeded",
            Paths = 10,
            Seed = 1,
            StartYear = 2026,
            EngineVersion = "test",
        });
        Server.Store.SaveState(state with { RunId = id });
        return id;
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    /// <summary>
    /// Headless Chromium pointed at a URL of the in-process server (the shared <see cref="Chromium"/> helper opens
    /// local files only). Each call has its own throwaway profile, a 2-minute bound, and is killed in finally.
    /// </summary>
    private static class HeadlessChromium
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

        public static async Task<string> DumpDomAsync(Uri page)
        {
            var (exit, stdout, stderr) = await RunAsync(["--dump-dom", page.AbsoluteUri]);
            Assert.True(exit == 0 && stdout.Length > 0, $"chromium --dump-dom exited {exit}:\n{stderr}");
            return stdout;
        }

        public static async Task ScreenshotAsync(Uri page, string pngPath, int width, int height)
        {
            var (exit, _, stderr) = await RunAsync(["--hide-scrollbars", $"--screenshot={pngPath}",
                $"--window-size={width},{height}", page.AbsoluteUri]);
            Assert.True(exit == 0 && File.Exists(pngPath), $"chromium --screenshot exited {exit} without a screenshot:\n{stderr}");
        }

        private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(IEnumerable<string> arguments)
        {
            var binary = Chromium.Path ?? throw new InvalidOperationException(Chromium.SkipReason);
            if (!File.Exists(binary))
            {
                throw new FileNotFoundException($"{Chromium.EnvironmentVariable}={binary} but no such file", binary);
            }

            var profile = Directory.CreateTempSubdirectory("sim-chromium-").FullName;
            var start = new ProcessStartInfo(binary)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var a in (string[])
                     [
                         "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync",
                         $"--user-data-dir={profile}",
                     ])
            {
                start.ArgumentList.Add(a);
            }

            foreach (var a in arguments)
            {
                start.ArgumentList.Add(a);
            }

            using var process = Process.Start(start)!;
            try
            {
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                using var timeout = new CancellationTokenSource(Timeout);
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    throw new TimeoutException($"chromium did not finish within {Timeout}");
                }

                return (process.ExitCode, await stdout, await stderr);
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                try
                {
                    Directory.Delete(profile, recursive: true);
                }
                catch (IOException)
                {
                    // a profile file still held by a dying helper process: the OS cleans temp folders
                }
            }
        }
    }
}
