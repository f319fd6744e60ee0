using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Parquet;
using Sim.Worker.Jobs;
using Sim.Worker.Output;
using static Sim.Worker.Server.HtmlFormat;

namespace Sim.Worker.Server;

/// <summary>
/// <c>GET /runs/{id}</c>: the results of one run as a plain, self-contained HTML page for a person (an advisor's
/// browser): no scripts, no external assets, inline CSS. It shows the scenario's name and description, the run's
/// status (refreshing itself every 2 s while queued or running), and once succeeded the numbers of
/// <c>summary.parquet</c> as written, the fan chart and links to every file. Unknown and malformed ids are a 404
/// page; a malformed id never touches the disk.
/// </summary>
public static class ResultsPage
{
    /// <summary>Media type of the page.</summary>
    public const string HtmlMediaType = "text/html; charset=utf-8";

    /// <summary>Seconds between refreshes of a page whose run is not finished.</summary>
    public const int RefreshSeconds = 2;

    /// <summary>
    /// What the page may load: nothing but its own images and inline style. A description that slipped past the
    /// encoding still could not run a script.
    /// </summary>
    public const string ContentSecurityPolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

    /// <summary>The page address of a run.</summary>
    public static string PathOf(string runId) => $"/runs/{runId}";

    /// <summary>Maps <c>GET /runs/{id}</c>.</summary>
    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/runs/{id}", GetAsync);

    private static async Task<IResult> GetAsync(string id, RunStore store, HttpContext http, CancellationToken cancellationToken)
    {
        http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        if (!RunIds.IsWellFormed(id))
        {
            return NotFound("Not a run id", "Run ids are 16 lowercase hex digits, as the API answers them.");
        }

        var state = store.LoadState(id);
        if (state is null)
        {
            return NotFound("No such run", $"There is no run {id} on this server.");
        }

        var request = store.LoadRequest(id);
        ResultsSummary? summary = null;
        string? summaryProblem = null;
        if (state.Status == RunStatus.Succeeded)
        {
            var path = store.ResultFile(id, ResultParquet.SummaryFile);
            if (path is null)
            {
                summaryProblem = "summary.parquet is missing from the result folder.";
            }
            else
            {
                try
                {
                    summary = await ResultsSummary.ReadAsync(path, cancellationToken);
                }
                catch (Exception e) when (e is IOException or InvalidDataException or ParquetException or NotSupportedException)
                {
                    summaryProblem = $"summary.parquet could not be read: {e.Message}";
                }
            }
        }

        return Results.Content(Render(state, request, store, summary, summaryProblem), HtmlMediaType, Encoding.UTF8);
    }

    /// <summary>The page of a run (pure: everything it shows is in the arguments, except the result file sizes).</summary>
    public static string Render(RunState state, RunRequest? request, RunStore store, ResultsSummary? summary, string? summaryProblem)
    {
        var name = request?.ScenarioName ?? summary?.Scenario ?? "run " + state.RunId;
        var html = new StringBuilder();
        var finished = state.IsFinished;
        Head(html, $"{name} — run {state.RunId}", refresh: !finished);
        html.Append("<header>\n");
        html.Append("<p class=\"crumb\">Run <code>").Append(Encode(state.RunId)).Append("</code>");
        if (request?.ScenarioFile is { } file)
        {
            html.Append(" · scenario file <code>").Append(Encode(file)).Append("</code>");
        }

        html.Append("</p>\n<h1 id=\"scenario\">").Append(Encode(name)).Append("</h1>\n");
        if (Description(request) is { Length: > 0 } description)
        {
            html.Append("<p id=\"description\" class=\"description\">").Append(Encode(description)).Append("</p>\n");
        }

        html.Append("</header>\n");
        Status(html, state);
        if (state.Status == RunStatus.Succeeded)
        {
            if (summary is not null)
            {
                SummarySection(html, state.RunId, summary);
            }
            else
            {
                html.Append("<p class=\"problem\">").Append(Encode(summaryProblem ?? "summary.parquet is unavailable."));
                if (state.SuccessProbability is { } p)
                {
                    html.Append(" Success probability recorded with the run: ").Append(Percent(p)).Append('.');
                }

                html.Append("</p>\n");
            }

            Files(html, state, store);
        }

        html.Append("<footer><a href=\"").Append(Encode($"/api/runs/{state.RunId}")).Append("\">This run as JSON</a>");
        if (state.JobId is { } job)
        {
            html.Append(" · <a href=\"").Append(Encode($"/hangfire/jobs/details/{job}")).Append("\">Hangfire job</a>");
        }

        html.Append("</footer>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Status(StringBuilder html, RunState state)
    {
        var status = state.Status.ToString().ToLowerInvariant();
        html.Append("<section id=\"status\" class=\"status ").Append(status).Append("\">\n<p><strong>")
            .Append(status).Append("</strong>");
        switch (state.Status)
        {
            case RunStatus.Queued:
                html.Append(" — waiting for a worker. This page refreshes every ")
                    .Append(RefreshSeconds.ToString(CultureInfo.InvariantCulture)).Append(" seconds.</p>\n");
                break;
            case RunStatus.Running:
                var progress = Math.Clamp(state.Progress, 0, 100).ToString("0.#", CultureInfo.InvariantCulture);
                html.Append(" — ").Append(progress).Append("% done. This page refreshes every ")
                    .Append(RefreshSeconds.ToString(CultureInfo.InvariantCulture)).Append(" seconds.</p>\n")
                    .Append("<div class=\"bar\"><div style=\"width:").Append(progress).Append("%\"></div></div>\n");
                break;
            case RunStatus.Succeeded:
                html.Append(state.FinishedAt is { } at ? " — finished " + Encode(Instant(at)) : "").Append("</p>\n");
                break;
            default:
                html.Append(state.FinishedAt is { } failedAt ? " — " + Encode(Instant(failedAt)) : "").Append("</p>\n");
                break;
        }

        if (state.Error is { Length: > 0 } error)
        {
            html.Append("<p class=\"reason\">").Append(state.Status == RunStatus.Failed ? "Reason: " : "Last attempt: ")
                .Append(Encode(error)).Append("</p>\n");
        }

        if (state.ValidationErrors.Count > 0)
        {
            html.Append("<ul class=\"reason\">\n");
            foreach (var line in state.ValidationErrors)
            {
                html.Append("<li>").Append(Encode(line)).Append("</li>\n");
            }

            html.Append("</ul>\n");
        }

        html.Append("</section>\n");
    }

    private static void SummarySection(StringBuilder html, string runId, ResultsSummary s)
    {
        html.Append("<section id=\"summary\">\n<p class=\"headline\"><span id=\"success\">").Append(Percent(s.SuccessProbability))
            .Append("</span> of ").Append(Count(s.Paths)).Append(" paths never run out</p>\n");

        var chart = Encode($"/api/runs/{runId}/files/{FanChart.FileName}");
        html.Append("<figure><img src=\"").Append(chart).Append("\" width=\"")
            .Append(FanChart.Width.ToString(CultureInfo.InvariantCulture)).Append("\" height=\"")
            .Append(FanChart.Height.ToString(CultureInfo.InvariantCulture))
            .Append("\" alt=\"Fan chart: percentile bands of the balance in today's dollars by age\"></figure>\n");

        html.Append("<h2>Balance at the end of ").Append(s.EndYear.ToString(CultureInfo.InvariantCulture)).Append("</h2>\n")
            .Append("<table id=\"terminal\">\n<thead><tr><th>percentile</th><th>today's dollars</th><th>nominal dollars</th></tr></thead>\n<tbody>\n");
        foreach (var t in s.Terminal)
        {
            html.Append("<tr").Append(Math.Abs(t.Level - 50) < 1e-9 ? " class=\"median\"" : "").Append("><th>")
                .Append(Level(t.Level)).Append("</th><td>").Append(Dollars(t.Real)).Append("</td><td>")
                .Append(Dollars(t.Nominal)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        html.Append("<p class=\"note\">Today's dollars are dollars of ").Append(s.StartYear.ToString(CultureInfo.InvariantCulture))
            .Append(", the first simulated year.</p>\n");

        html.Append("<h2>Run</h2>\n<dl id=\"facts\">\n");
        Fact(html, "success probability", s.SuccessProbability.ToString("0.######", CultureInfo.InvariantCulture));
        Fact(html, "peak age (median nominal balance)", s.PeakAge.ToString(CultureInfo.InvariantCulture));
        Fact(html, "median failure age", s.MedianFailureAge is { } age
            ? age.ToString("0.#", CultureInfo.InvariantCulture)
            : "none (no path ran out)");
        Fact(html, "years", $"{s.StartYear.ToString(CultureInfo.InvariantCulture)}–{s.EndYear.ToString(CultureInfo.InvariantCulture)}");
        Fact(html, "paths", Count(s.Paths));
        Fact(html, "seed", s.Seed.ToString(CultureInfo.InvariantCulture));
        Fact(html, "return model", s.Model);
        Fact(html, "engine version", s.EngineVersion);
        Fact(html, "wall time", Seconds(s.WallSeconds));
        html.Append("</dl>\n</section>\n");
    }

    private static void Fact(StringBuilder html, string term, string value) =>
        html.Append("<dt>").Append(Encode(term)).Append("</dt><dd>").Append(Encode(value)).Append("</dd>\n");

    private static void Files(StringBuilder html, RunState state, RunStore store)
    {
        var files = state.Files.Select(name => (Name: name, Path: store.ResultFile(state.RunId, name)))
            .Where(f => f.Path is not null).ToList();
        if (files.Count == 0)
        {
            return;
        }

        html.Append("<h2>Files</h2>\n<ul id=\"files\">\n");
        foreach (var (fileName, path) in files)
        {
            html.Append("<li><a href=\"").Append(Encode($"/api/runs/{state.RunId}/files/{fileName}")).Append("\" download>")
                .Append(Encode(fileName)).Append("</a> <span class=\"size\">").Append(Bytes(new FileInfo(path!).Length))
                .Append("</span></li>\n");
        }

        html.Append("</ul>\n<p class=\"note\">Parquet files open in DuckDB, pandas, polars or R: <code>SELECT * FROM read_parquet('summary.parquet')</code>.</p>\n");
    }

    /// <summary>The scenario's description, from the canonical scenario JSON of the request.</summary>
    private static string? Description(RunRequest? request)
    {
        if (request is null)
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(request.ScenarioJson);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                   && doc.RootElement.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String
                ? d.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult NotFound(string title, string detail)
    {
        var html = new StringBuilder();
        Head(html, title, refresh: false);
        html.Append("<h1>").Append(Encode(title)).Append("</h1>\n<p>").Append(Encode(detail)).Append("</p>\n")
            .Append("</main>\n</body>\n</html>\n");
        return Results.Content(html.ToString(), HtmlMediaType, Encoding.UTF8, StatusCodes.Status404NotFound);
    }

    internal static void Head(StringBuilder html, string title, bool refresh)
    {
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        if (refresh)
        {
            html.Append("<meta http-equiv=\"refresh\" content=\"")
                .Append(RefreshSeconds.ToString(CultureInfo.InvariantCulture)).Append("\">\n");
        }

        html.Append("<title>").Append(Encode(title)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n<main>\n");
    }

    private const string Style = """
        body { margin: 0; background: #fff; color: #1b1b1b; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
        main { max-width: 980px; margin: 0 auto; padding: 24px 16px 48px; }
        h1 { font-size: 30px; margin: 4px 0 6px; }
        h2 { font-size: 19px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
        code { font: 14px ui-monospace, "DejaVu Sans Mono", monospace; }
        .crumb { color: #555; margin: 0; font-size: 14px; }
        .description { color: #333; margin: 0 0 12px; max-width: 760px; }
        .status { border-left: 6px solid #888; background: #f4f4f4; padding: 6px 12px; margin: 12px 0 16px; }
        .status p { margin: 4px 0; }
        .status.succeeded { border-color: #2ca02c; background: #f1f8f1; }
        .status.running, .status.queued { border-color: #1f77b4; background: #eef5fb; }
        .status.failed { border-color: #d62728; background: #fdf0f0; }
        .reason { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 14px; white-space: pre-wrap; }
        .bar { height: 10px; background: #dde7f0; border-radius: 5px; overflow: hidden; max-width: 480px; margin: 6px 0; }
        .bar div { height: 100%; background: #1f77b4; }
        .headline { font-size: 22px; margin: 8px 0 12px; }
        .headline span { font-weight: 700; font-size: 30px; }
        figure { margin: 0; }
        figure img { display: block; max-width: 100%; height: auto; }
        table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
        th, td { padding: 4px 14px; text-align: right; border-bottom: 1px solid #eee; }
        thead th { border-bottom: 2px solid #ccc; }
        tbody th { text-align: left; font-weight: 600; }
        tr.median td { font-weight: 700; }
        dl { display: grid; grid-template-columns: max-content auto; gap: 2px 18px; margin: 0; }
        dt { color: #555; }
        dd { margin: 0; font-variant-numeric: tabular-nums; }
        .note { color: #555; font-size: 14px; }
        .problem { color: #a01a1a; }
        .size { color: #777; font-size: 14px; }
        footer { margin-top: 32px; font-size: 14px; color: #555; }

        """;
}
