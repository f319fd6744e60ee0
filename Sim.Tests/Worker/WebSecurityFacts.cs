using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Sim.Worker.Jobs;
using Sim.Worker.Server;

namespace Sim.Tests.Worker;

/// <summary>A real server (Kestrel on 127.0.0.1) with a scenario library that holds hostile links.</summary>
public sealed class WebSecurityFixture : IAsyncLifetime
{
    public ScratchFolder Root { get; } = new("sim-websec");

    public InProcessServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var library = TestScenarios.WriteLibrary(Root.Path, [("ok", TestScenarios.Minimal("ok"))]);

        // A "secret" outside the library, and links inside the library that lead to it.
        var secret = Root.Combine("secret.csv");
        File.WriteAllText(secret, "root:x:0:0:root:/root:/bin/bash\n");
        File.CreateSymbolicLink(Path.Combine(library, "passwd.csv"), secret);
        File.WriteAllText(Root.Combine("outside.json"), TestScenarios.Minimal("outside"));
        File.CreateSymbolicLink(Path.Combine(library, "linked.json"), Root.Combine("outside.json"));
        File.WriteAllText(Path.Combine(library, "uses-link.json"), """
            { "name": "uses-link", "simulation": { "paths": 50, "startYear": 2026 },
              "participant": { "birthYear": 1970, "retirementAge": 65, "salary": 90000 },
              "account": { "pretaxBalance": 250000 },
              "returns": { "model": "bootstrap", "history": "passwd.csv" } }
            """);
        Server = await InProcessServer.StartAsync(InProcessServer.Settings(Root.Path) with { MaxConcurrentValidations = 1, ValidationWait = TimeSpan.FromMilliseconds(200) });
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Root.Dispose();
    }
}

/// <summary>Issue 13, items 1-8: what a hostile page or client can make the server do, over real HTTP.</summary>
public sealed class WebSecurityFacts(WebSecurityFixture fixture) : IClassFixture<WebSecurityFixture>
{
    private HttpClient Http => fixture.Server.Http;

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static IReadOnlyList<string> ErrorPaths(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();

    [Fact]
    public async Task ACrossSiteFormPost_ToTheDashboard_IsRefusedAndDeletesNothing()
    {
        // Item 1: the form a hostile page posts to /hangfire/jobs/... : no antiforgery token, another Origin.
        using var fromOtherSite = new HttpRequestMessage(HttpMethod.Post, "/hangfire/recurring/trigger")
        {
            Content = new FormUrlEncodedContent([new("jobs[]", StressSuiteJob.RecurringJobId)]),
        };
        fromOtherSite.Headers.Add("Origin", "http://evil.example.com");
        using var refused = await Http.SendAsync(fromOtherSite);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        // Without Origin (an older browser, or a form the browser does not label) the antiforgery token is missing.
        using var noToken = await Http.PostAsync("/hangfire/jobs/enqueued/delete", new FormUrlEncodedContent([new("jobs[]", "1")]));
        Assert.Equal(HttpStatusCode.Forbidden, noToken.StatusCode);

        // Same for Sec-Fetch-Site, which browsers send on every request.
        using var labelled = new HttpRequestMessage(HttpMethod.Post, "/hangfire/jobs/enqueued/delete")
        {
            Content = new FormUrlEncodedContent([new("jobs[]", "1")]),
        };
        labelled.Headers.Add("Sec-Fetch-Site", "cross-site");
        using var refusedToo = await Http.SendAsync(labelled);
        Assert.Equal(HttpStatusCode.Forbidden, refusedToo.StatusCode);

        // The dashboard itself still shows (from loopback).
        using var page = await Http.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task TheDashboard_IsReadOnly_ForAnyoneButLoopback()
    {
        var remote = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        remote.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.9");
        var local = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        local.Connection.RemoteIpAddress = IPAddress.Loopback;
        Assert.False(WebSecurity.IsLoopback(remote));
        Assert.True(WebSecurity.IsLoopback(local));

        // The dashboard page a loopback browser sees carries the antiforgery token its buttons send, and with it
        // (and the cookie that came with the page) a loopback POST is accepted.
        var html = await Http.GetStringAsync("/hangfire/jobs/enqueued");
        var token = System.Text.RegularExpressions.Regex.Match(html, "<meta name=\"csrf-token\" content=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/hangfire/jobs/enqueued/delete")
        {
            Content = new FormUrlEncodedContent([new("jobs[]", "no-such-job")]),
        };
        post.Headers.Add("RequestVerificationToken", token);
        using var accepted = await Http.SendAsync(post);
        Assert.True(accepted.IsSuccessStatusCode, $"{accepted.StatusCode}");
    }

    [Theory]
    [InlineData("/api/scenarios")]
    [InlineData("/hangfire")]
    [InlineData("/runs/0123456789abcdef")]
    public async Task ARequestForAnotherHostName_IsRefused(string path)
    {
        // Item 2: a DNS-rebinding page reaches 127.0.0.1 under its own name.
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "evil.example.com";
        using var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        using var loopback = new HttpRequestMessage(HttpMethod.Get, "/api/scenarios");
        loopback.Headers.Host = "localhost";
        using var ok = await Http.SendAsync(loopback);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public void AllowedHosts_AreTheLoopbackNames_TheListeningNames_AndTheConfiguredOnes()
    {
        var settings = new ServerSettings { Urls = "http://0.0.0.0:5080;http://sim.internal:5081", AllowedHosts = ["advisor-box"] };
        Assert.Equal(["localhost", "127.0.0.1", "[::1]", "sim.internal", "advisor-box"], WebSecurity.AllowedHosts(settings));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data")]
    [InlineData(null)]
    public async Task APostWithoutAJsonContentType_Is415_AndQueuesNothing(string? mediaType)
    {
        // Item 3: the "simple requests" any page can send without a CORS preflight.
        var before = fixture.Server.Store.ListRunIds().Count;
        foreach (var path in new[] { "/api/runs", "/api/stress" })
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"scenario": "ok", "paths": 10}"""));
            if (mediaType is not null)
            {
                content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            }

            using var response = await Http.PostAsync(path, content);
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        }

        Assert.Equal(before, fixture.Server.Store.ListRunIds().Count);
    }

    [Fact]
    public async Task AHugeUnknownKey_GetsASmallAnswer_WithoutASuggestion()
    {
        // Item 4: a 900 KiB key used to cost seconds and hundreds of MB in the did-you-mean distance.
        var key = new string('q', 900 * 1024);
        using var response = await Http.PostAsync("/api/runs", Json("{\"participant\": {\"" + key + "\": 1}}"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(text.Length < 16 * 1024, $"the 400 body is {text.Length} characters");
        Assert.DoesNotContain("did you mean", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SixtyThousandUnknownKeys_AreCappedWithACountOfTheRest()
    {
        var body = "{" + string.Join(",", Enumerable.Range(0, 60_000).Select(i => $"\"k{i}\":1")) + "}";
        Assert.True(Encoding.UTF8.GetByteCount(body) < ServerSettings.MaxRequestBytes);
        using var response = await Http.PostAsync("/api/runs", Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(text.Length < 32 * 1024, $"the 400 body is {text.Length} characters");
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.True(ErrorPaths(problem).Count <= ApiEndpoints.MaxReportedErrors + 1);
        Assert.Contains("more", problem.GetProperty("errors").GetProperty("…")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenEveryValidationSlotIsTaken_ARequestIs503_NotQueuedBehindUnboundedWork()
    {
        var gate = fixture.Server.App.Services.GetRequiredService<ValidationGate>();
        Assert.Equal(1, gate.Capacity);
        using (var held = await gate.EnterAsync(CancellationToken.None))
        {
            Assert.NotNull(held);
            using var busy = await Http.PostAsync("/api/runs", Json("""{"scenario": "ok", "paths": 10}"""));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
            Assert.NotNull(busy.Headers.RetryAfter);
        }

        using var after = await Http.PostAsync("/api/runs", Json("""{"scenario": "nope"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, after.StatusCode);
    }

    [Theory]
    [InlineData(new byte[] { 0x7B, 0x22, 0x73, 0x63, 0x65, 0x6E, 0x61, 0x72, 0x69, 0x6F, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D })] // {"scenario":"\xC3("}
    [InlineData(new byte[] { 0x7B, 0x22, 0x6E, 0x61, 0x6D, 0x65, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D })] // {"name":"\xFF"}
    public async Task InvalidUtf8_Is400(byte[] body)
    {
        // Item 5.
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await Http.PostAsync("/api/runs", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"scenario": "\ud800"}""")]
    [InlineData("""{"scenario": {"name": "\udc00x"}}""")]
    [InlineData("""{"\ud800": 1, "scenario": "ok"}""")]
    [InlineData("""{"name": "ok\ud83d"}""")]
    public async Task ALoneSurrogate_Is400_Not500(string body)
    {
        using var response = await Http.PostAsync("/api/runs", Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ADuplicateScenarioKey_IsAnError()
    {
        using var response = await Http.PostAsync("/api/runs", Json("""{"scenario": "ok", "scenario": "other", "paths": 10}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("$.scenario", ErrorPaths(await BodyAsync(response)));
    }

    [Fact]
    public async Task ANameOrIdWithATrailingNewline_IsRefused_AndNothingReachesTheDisk()
    {
        // Item 6: '$' matched before a final newline.
        using var name = await Http.PostAsync("/api/runs", Json("""{"name": "x\n", "participant": {"birthYear": 1970, "retirementAge": 65, "salary": 90000}}"""));
        Assert.Equal(HttpStatusCode.BadRequest, name.StatusCode);
        Assert.Contains("$.name", ErrorPaths(await BodyAsync(name)));

        using var library = await Http.PostAsync("/api/runs", Json("""{"scenario": "ok\n"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, library.StatusCode);

        using var id = await Http.GetAsync("/api/runs/0123456789abcdef%0A");
        Assert.Equal(HttpStatusCode.BadRequest, id.StatusCode);
        using var file = await Http.GetAsync("/api/runs/0123456789abcdef/files/summary.parquet%0A");
        Assert.NotEqual(HttpStatusCode.OK, file.StatusCode);
        Assert.False(Directory.Exists(Path.Combine(fixture.Server.Store.Root, "0123456789abcdef\n")));
        Assert.True(RunIds.IsWellFormed("0123456789abcdef"));
        Assert.False(RunIds.IsWellFormed("0123456789abcdef\n"));
        Assert.False(ScenarioCatalog.IsSafeName("ok\n"));
        Assert.False(RunStore.IsResultFileName("summary.parquet\n"));
    }

    [Fact]
    public async Task AHistoryLinkThatLeavesTheLibrary_IsRefused_AndItsContentIsNeverEchoed()
    {
        // Item 7: uses-link.json names passwd.csv, a link to a file outside the library.
        using var response = await Http.PostAsync("/api/runs", Json("""{"scenario": "uses-link"}"""));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("$.returns.history", text, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", text, StringComparison.Ordinal);

        // A scenario file that is a link out of the library is not in the library.
        using var linked = await Http.PostAsync("/api/runs", Json("""{"scenario": "linked"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, linked.StatusCode);
        var list = await Http.GetStringAsync("/api/scenarios");
        Assert.DoesNotContain("linked", list, StringComparison.Ordinal);
        Assert.Contains("\"ok\"", list, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/api/scenarios")]
    [InlineData("GET", "/api/runs/nothex")]
    [InlineData("GET", "/runs/0123456789abcdef")]
    [InlineData("GET", "/hangfire")]
    [InlineData("GET", "/nowhere")]
    [InlineData("POST", "/api/runs")]
    public async Task EveryResponse_SaysNosniff_AndCannotBeFramed(string method, string path)
    {
        // Item 8.
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = Json("{}");
        }

        using var response = await Http.SendAsync(request);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : "";
}
