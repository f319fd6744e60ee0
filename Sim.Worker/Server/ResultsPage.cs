using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Parquet;
using Sim.Engine.Scenarios;
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
    public const string ContentSecurityPolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

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
        ResultsTables? tables = null;
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

            if (store.ResultFile(id, ResultParquet.PercentilesFile) is { } percentiles
                && store.ResultFile(id, ResultParquet.YearlyFile) is { } yearly)
            {
                try
                {
                    tables = await ResultsTables.ReadAsync(percentiles, yearly, cancellationToken);
                }
                catch (Exception e) when (e is IOException or InvalidDataException or ParquetException or NotSupportedException)
                {
                    tables = null; // the page still shows the summary; the files stay downloadable
                }
            }
        }

        return Results.Content(Render(state, request, store, summary, summaryProblem, tables), HtmlMediaType, Encoding.UTF8);
    }

    /// <summary>The page of a run (pure: everything it shows is in the arguments, except the result file sizes).</summary>
    public static string Render(RunState state, RunRequest? request, RunStore store, ResultsSummary? summary, string? summaryProblem,
        ResultsTables? tables = null)
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
        var labels = RunListing.Labels(request);
        if (labels.Description is { Length: > 0 } description)
        {
            html.Append("<p id=\"description\" class=\"description\">").Append(Encode(description)).Append("</p>\n");
        }

        html.Append("</header>\n");
        Status(html, state);
        if (state.Status == RunStatus.Succeeded)
        {
            if (summary is not null)
            {
                SummarySection(html, state.RunId, summary, tables, labels.Strategy);
            }
            else
            {
                html.Append("<p class=\"problem\">").Append(Encode(summaryProblem ?? "summary.parquet is unavailable."));
                if (state.SuccessProbability is { } p)
                {
                    html.Append(" Success recorded with the run: ").Append(Units.Success(p, labels.Strategy)).Append('.');
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

    private static void SummarySection(StringBuilder html, string runId, ResultsSummary s, ResultsTables? tables,
        string strategy)
    {
        var inv = CultureInfo.InvariantCulture;
        html.Append("<section id=\"summary\">\n<p class=\"headline\">");
        if (Units.CannotFail(strategy))
        {
            html.Append("<span id=\"success\" class=\"cannot-fail\">").Append(Encode(Units.CannotFailText(strategy)))
                .Append("</span> (").Append(Count(s.Paths)).Append(" paths)</p>\n");
        }
        else
        {
            html.Append("<span id=\"success\">").Append(Encode(Units.Percent(s.SuccessProbability)))
                .Append("</span> of ").Append(Count(s.Paths)).Append(" paths never run out</p>\n");
        }

        var chart = Encode($"/api/runs/{runId}/files/{FanChart.FileName}");
        html.Append("<figure><img src=\"").Append(chart).Append("\" width=\"")
            .Append(FanChart.Width.ToString(inv)).Append("\" height=\"")
            .Append(FanChart.Height.ToString(inv))
            .Append("\" alt=\"Fan chart: percentile bands of the balance in today's dollars by age\"></figure>\n");

        html.Append("<h2>Balance at the end of ").Append(s.EndYear.ToString(inv)).Append("</h2>\n")
            .Append("<table id=\"terminal\">\n<thead><tr><th>percentile</th><th>today's dollars</th><th>nominal dollars</th></tr></thead>\n<tbody>\n");
        foreach (var t in s.Terminal)
        {
            html.Append("<tr").Append(Math.Abs(t.Level - 50) < 1e-9 ? " class=\"median\"" : "").Append("><th>")
                .Append(Level(t.Level)).Append("</th><td>").Append(Dollars(t.Real)).Append("</td><td>")
                .Append(Dollars(t.Nominal)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        html.Append("<p class=\"note\">Today's dollars are dollars of ").Append(s.StartYear.ToString(inv))
            .Append(", the first simulated year.</p>\n");

        if (tables is not null)
        {
            IncomeTable(html, tables, strategy, withIncome: s.Income is not null);
        }

        html.Append("<h2>Run</h2>\n<dl id=\"facts\">\n");
        Fact(html, "success (never ran out)", Units.Success(s.SuccessProbability, strategy));
        if (s.Income is { } income)
        {
            Fact(html, income.PageLabel, income.Text);
        }

        if (tables?.RealPeakAge is { } realPeak)
        {
            Fact(html, "peak age (median balance, today's dollars)", realPeak.ToString(inv));
        }

        Fact(html, "peak age (median balance, nominal dollars)", s.PeakAge.ToString(inv));
        if (!Units.CannotFail(strategy))
        {
            Fact(html, "median failure age (failed paths only)", s.MedianFailureAge is { } age
                ? Units.Age(age)
                : "none (no path ran out)");
        }

        Fact(html, "years", $"{s.StartYear.ToString(inv)}–{s.EndYear.ToString(inv)}");
        Fact(html, "paths", Count(s.Paths));
        Fact(html, "seed", s.Seed.ToString(inv));
        Fact(html, "return model", s.Model);
        Fact(html, "engine version", s.EngineVersion);
        Fact(html, "wall time", Seconds(s.WallSeconds));
        html.Append("</dl>\n</section>\n");
    }

    /// <summary>
    /// Retirement income by age: the share of paths still funded, net income in today's dollars and the gross
    /// withdrawal and its tax in nominal dollars, each at p10 / p50 / p90 across paths; with income streams also
    /// Social Security and pensions (the <c>income</c> metric, nominal dollars).
    /// </summary>
    private static void IncomeTable(StringBuilder html, ResultsTables tables, string strategy, bool withIncome)
    {
        var rows = tables.ShownRows();
        if (rows.Count == 0)
        {
            return;
        }

        var inv = CultureInfo.InvariantCulture;
        html.Append("<h2>Retirement income by age</h2>\n<table id=\"income\"")
            .Append(withIncome ? " class=\"with-income\"" : "").Append(">\n<thead>\n<tr><th rowspan=\"2\">age</th>")
            .Append("<th rowspan=\"2\">still funded</th>")
            .Append("<th colspan=\"3\" class=\"group\">net income, today's dollars</th>")
            .Append(withIncome ? "<th colspan=\"3\" class=\"group\">Social Security and pensions, nominal dollars</th>" : "")
            .Append("<th colspan=\"3\" class=\"group\">withdrawals, nominal dollars</th>")
            .Append("<th colspan=\"3\" class=\"group\">taxes, nominal dollars</th></tr>\n<tr>");
        for (var g = 0; g < (withIncome ? 4 : 3); g++)
        {
            foreach (var level in ResultsTables.Levels)
            {
                html.Append("<th>").Append(Level(level)).Append("</th>");
            }
        }

        html.Append("</tr>\n</thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            html.Append("<tr><th>").Append(row.Age.ToString(inv)).Append("</th><td>")
                .Append(Encode(Units.CannotFail(strategy) ? "—" : Units.Percent(row.StillFunded))).Append("</td>");
            foreach (var values in withIncome
                         ? new[] { row.NetIncomeReal, row.Income, row.Withdrawals, row.Taxes }
                         : new[] { row.NetIncomeReal, row.Withdrawals, row.Taxes })
            {
                foreach (var v in values)
                {
                    html.Append("<td>").Append(double.IsNaN(v) ? "n/a" : Encode(Units.Money(v))).Append("</td>");
                }
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n<p class=\"note\">Each column is a percentile across paths, taken separately ")
            .Append("(the p10 of net income and the p10 of taxes may come from different paths). Still funded: the share of ")
            .Append(withIncome
                ? "paths that have not run out by that age. Net income is the withdrawal plus Social Security and pensions, less taxes and penalties. Shown: the "
                : "paths that have not run out by that age. Net income is the withdrawal less taxes and penalties. Shown: the ")
            .Append("first withdrawal age, every fifth age and the last; <code>percentiles.parquet</code> has every year.</p>\n");
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

    private static IResult NotFound(string title, string detail)
    {
        var html = new StringBuilder();
        Head(html, title, refresh: false);
        html.Append("<h1>").Append(Encode(title)).Append("</h1>\n<p>").Append(Encode(detail)).Append("</p>\n")
            .Append("</main>\n</body>\n</html>\n");
        return Results.Content(html.ToString(), HtmlMediaType, Encoding.UTF8, StatusCodes.Status404NotFound);
    }

    /// <summary>The document head, the shared style sheet and the opening of <c>main</c> (also used by the home page).</summary>
    internal static void Head(StringBuilder html, string title, bool refresh, string extraStyle = "")
    {
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        if (refresh)
        {
            html.Append("<meta http-equiv=\"refresh\" content=\"")
                .Append(RefreshSeconds.ToString(CultureInfo.InvariantCulture)).Append("\">\n");
        }

        html.Append("<title>").Append(Encode(title)).Append("</title>\n<style>\n").Append(Style).Append(extraStyle).Append("</style>\n</head>\n<body>\n<main>\n");
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
        #income { font-size: 14px; }
        #income th, #income td { padding: 3px 8px; }
        #income thead th.group { text-align: center; border-bottom: 1px solid #ccc; }
        #income td:nth-child(3n+3) { border-left: 1px solid #ddd; }
        #income.with-income { font-size: 13px; }
        #income.with-income th, #income.with-income td { padding: 3px 5px; }
        .headline span.cannot-fail { font-size: 20px; font-weight: 600; }
        dl { display: grid; grid-template-columns: max-content auto; gap: 2px 18px; margin: 0; }
        dt { color: #555; }
        dd { margin: 0; font-variant-numeric: tabular-nums; }
        .note { color: #555; font-size: 14px; }
        .problem { color: #a01a1a; }
        .size { color: #777; font-size: 14px; }
        footer { margin-top: 32px; font-size: 14px; color: #555; }

        """;
}
