using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sim.Engine.Analysis;
using Sim.Worker.Analysis;
using Sim.Worker.Jobs;
using Sim.Worker.Output;
using static Sim.Worker.Server.HtmlFormat;

namespace Sim.Worker.Server;

/// <summary>
/// <c>GET /solve/{id}</c>, <c>/compare/{id}</c>, <c>/sensitivity/{id}</c>: the answer of one analysis for a person,
/// in the order an advisor reads it: the answer in one sentence, then the picture, then the table (every trial of a
/// solve, each scenario of a compare, each input of a sensitivity). Plain HTML with inline CSS and no scripts, under
/// the same content security policy as the run page; it refreshes itself while the analysis is queued or running.
/// </summary>
public static class AnalysisPage
{
    /// <summary>The page's URL path, <c>/{kind}/{id}</c>.</summary>
    public static string PathOf(AnalysisKind kind, string id) => $"/{KindNames.Name(kind)}/{id}";

    /// <summary>Maps <c>GET /{kind}/{id}</c> (the HTML results page) for each kind.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        foreach (var kind in Enum.GetValues<AnalysisKind>())
        {
            app.MapGet($"/{KindNames.Name(kind)}/{{id}}", (string id, AnalysisStore store, HttpContext http) => Get(kind, id, store, http));
        }
    }

    private static IResult Get(AnalysisKind kind, string id, AnalysisStore store, HttpContext http)
    {
        http.Response.Headers.ContentSecurityPolicy = ResultsPage.ContentSecurityPolicy;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        if (!RunIds.IsWellFormed(id) || store.LoadState(id) is not { } state || state.Kind != kind || store.LoadRequest(id) is not { } request)
        {
            var html = new StringBuilder();
            ResultsPage.Head(html, "Not found", refresh: false);
            html.Append("<h1>No such ").Append(KindNames.Name(kind)).Append("</h1>\n<p>There is no ").Append(KindNames.Name(kind))
                .Append(" with that id on this server; ids are 16 lowercase hex digits, as the API answers them.</p>\n</main>\n</body>\n</html>\n");
            return Results.Content(html.ToString(), ResultsPage.HtmlMediaType, Encoding.UTF8, StatusCodes.Status404NotFound);
        }

        string? json = null;
        string? document = kind switch
        {
            AnalysisKind.Solve => AnalysisFiles.SolveJson,
            AnalysisKind.Compare => AnalysisFiles.CompareJson,
            _ => AnalysisFiles.SensitivityJson,
        };
        if (state.Status == RunStatus.Succeeded && store.ResultFile(id, document) is { } path)
        {
            json = File.ReadAllText(path);
        }

        return Results.Content(Render(state, request, json), ResultsPage.HtmlMediaType, Encoding.UTF8);
    }

    /// <summary>The question in words, the page's heading and the home page's list: <c>baseline: withdrawals.amount for
    /// 90% success</c>, <c>roth-401k against baseline</c>, <c>baseline: sensitivity</c>.</summary>
    public static string Subject(AnalysisRequest request) => request.Kind switch
    {
        AnalysisKind.Solve => $"{request.ScenarioNames[0]}: {request.Field} for " +
            (SolveTarget.TryParse(request.Target ?? "", out _) is { } t ? AnalysisText.Target(t) : request.Target),
        AnalysisKind.Compare => string.Join(" against ", request.ScenarioNames.Skip(1).Append(request.ScenarioNames[0])),
        _ => $"{request.ScenarioNames[0]}: sensitivity",
    };

    /// <summary>The page (pure: everything it shows is in the arguments).</summary>
    public static string Render(AnalysisState state, AnalysisRequest request, string? resultJson)
    {
        string kind = KindNames.Name(state.Kind);
        string subject = Subject(request);
        var html = new StringBuilder();
        ResultsPage.Head(html, $"{subject} — {kind} {state.AnalysisId}", refresh: !state.IsFinished);
        html.Append("<header>\n<p class=\"crumb\">").Append(Encode(Capitalized(kind))).Append(" <code>").Append(Encode(state.AnalysisId))
            .Append("</code> · ").Append(Count(request.Paths)).Append(" paths · seed ")
            .Append(request.Seed.ToString(CultureInfo.InvariantCulture)).Append(" · the same paths for every trial</p>\n");
        html.Append("<h1 id=\"subject\">").Append(Encode(subject)).Append("</h1>\n</header>\n");

        if (state.Status == RunStatus.Succeeded && state.Answer is { } answer)
        {
            html.Append("<p id=\"answer\" class=\"headline\">").Append(Encode(answer)).Append(".</p>\n");
        }
        else
        {
            html.Append("<section id=\"status\" class=\"status ").Append(state.Status.ToString().ToLowerInvariant()).Append("\">\n<p><strong>")
                .Append(state.Status.ToString().ToLowerInvariant()).Append("</strong>");
            if (!state.IsFinished)
            {
                html.Append(" — ").Append(state.Progress.ToString("0.#", CultureInfo.InvariantCulture))
                    .Append("% done. This page refreshes every ").Append(ResultsPage.RefreshSeconds.ToString(CultureInfo.InvariantCulture))
                    .Append(" seconds.");
            }

            html.Append("</p>\n");
            if (state.Error is { Length: > 0 } error)
            {
                html.Append("<p class=\"reason\">").Append(state.Status == RunStatus.Failed ? "Reason: " : "Last attempt: ")
                    .Append(Encode(error)).Append("</p>\n");
            }

            html.Append("</section>\n");
        }

        if (resultJson is not null)
        {
            using var doc = JsonDocument.Parse(resultJson);
            string files = $"/api/{kind}/{state.AnalysisId}/files/";
            switch (state.Kind)
            {
                case AnalysisKind.Solve:
                    Picture(html, files + SolveChart.FileName, "Every trial of the search");
                    SolveTable(html, doc.RootElement);
                    break;
                case AnalysisKind.Compare:
                    Picture(html, files + DifferenceChart.FileName, "B − A in real balance on the same path");
                    CompareTable(html, doc.RootElement);
                    break;
                default:
                    Picture(html, files + TornadoChart.FileName, "What moves the probability of success");
                    SensitivityTable(html, doc.RootElement);
                    break;
            }

            html.Append("<h2>Files</h2>\n<ul id=\"files\">\n");
            foreach (var f in state.Files)
            {
                html.Append("<li><a href=\"").Append(Encode(files + f)).Append("\">").Append(Encode(f)).Append("</a></li>\n");
            }

            html.Append("</ul>\n");
        }

        html.Append("<footer><a href=\"").Append(Encode($"/api/{kind}/{state.AnalysisId}")).Append("\">This ").Append(kind).Append(" as JSON</a>");
        if (state.JobId is { } job)
        {
            html.Append(" · <a href=\"").Append(Encode($"/hangfire/jobs/details/{job}")).Append("\">Hangfire job</a>");
        }

        html.Append("</footer>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Picture(StringBuilder html, string src, string alt) =>
        html.Append("<figure id=\"picture\"><img src=\"").Append(Encode(src)).Append("\" alt=\"").Append(Encode(alt)).Append("\"></figure>\n");

    private static void SolveTable(StringBuilder html, JsonElement root)
    {
        var field = root.GetProperty("field").GetString()!;
        var kind = SolveFields.Find(field)?.Kind ?? ValueKind.Rate;
        bool success = root.GetProperty("target").GetString()!.StartsWith("success", StringComparison.Ordinal);
        double? answer = root.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
        html.Append("<h2>Trials, in the order they ran</h2>\n<table id=\"trials\">\n<thead><tr><th>#</th><th>")
            .Append(Encode(field)).Append("</th><th>success</th><th>paths that succeed</th><th>median terminal balance (today's dollars)</th><th>meets the target</th></tr></thead>\n<tbody>\n");
        int i = 0;
        int paths = root.GetProperty("paths").GetInt32();
        foreach (var t in root.GetProperty("trials").EnumerateArray())
        {
            double value = t.GetProperty("value").GetDouble();
            bool isAnswer = answer == value;
            html.Append(isAnswer ? "<tr class=\"median\">" : "<tr>").Append("<td>").Append(++i).Append("</td><td>")
                .Append(Encode(AnalysisText.Value(kind, value))).Append(isAnswer ? " (answer)" : "").Append("</td><td>")
                .Append(Encode(AnalysisText.Percent(t.GetProperty("success").GetDouble()))).Append("</td><td>")
                .Append(Count((long)Math.Round(t.GetProperty("success").GetDouble() * paths))).Append(" of ").Append(Count(paths)).Append("</td><td>")
                .Append(Encode(Dollars(Math.Round(t.GetProperty("medianTerminalReal").GetDouble())))).Append("</td><td>")
                .Append(t.GetProperty("meets").GetBoolean() ? "yes" : "no").Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n<p class=\"crumb\">").Append(success ? "Success" : "The median")
            .Append(" is read on the same paths in every trial, so the search closes on the exact step where the target stops being met for this seed.</p>\n");
    }

    private static void CompareTable(StringBuilder html, JsonElement root)
    {
        var names = root.GetProperty("scenarios").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var success = root.GetProperty("success");
        html.Append("<h2>Summary</h2>\n<table id=\"summary\">\n<tbody>\n");
        foreach (var n in names)
        {
            Row(html, $"success of {n}", AnalysisText.Percent(success.GetProperty(n).GetDouble()));
        }

        Row(html, $"difference {names[1]} − {names[0]}", (root.GetProperty("successDifference").GetDouble() * 100).ToString("+0.0;−0.0;0.0", CultureInfo.InvariantCulture) + " points");
        Row(html, "standard error, paired (same paths)", AnalysisText.PlusMinusPoints(root.GetProperty("successDifferenceStandardError").GetDouble()));
        Row(html, "standard error two independent runs would have", AnalysisText.PlusMinusPoints(root.GetProperty("successDifferenceUnpairedStandardError").GetDouble()));
        Row(html, $"paths on which {names[1]} ends with more real wealth", AnalysisText.Percent(root.GetProperty("shareBAhead").GetDouble()));
        Row(html, "paths on which both end equal", AnalysisText.Percent(root.GetProperty("shareTied").GetDouble()));
        html.Append("</tbody>\n</table>\n<p class=\"crumb\">comparison.parquet holds the percentiles, mean and its standard error of B − A for every year and metric.</p>\n");
    }

    private static void SensitivityTable(StringBuilder html, JsonElement root)
    {
        var b = root.GetProperty("base");
        html.Append("<h2>Inputs, largest swing first</h2>\n<p>As given: ").Append(Encode(AnalysisText.Percent(b.GetProperty("success").GetDouble())))
            .Append(" success, median terminal balance ").Append(Encode(Dollars(Math.Round(b.GetProperty("medianTerminalReal").GetDouble()))))
            .Append(" in today's dollars.</p>\n<table id=\"inputs\">\n<thead><tr><th>input</th><th>low</th><th>high</th><th>success at low</th>")
            .Append("<th>success at high</th><th>median at low</th><th>median at high</th><th>swing</th></tr></thead>\n<tbody>\n");
        foreach (var x in root.GetProperty("inputs").EnumerateArray())
        {
            var kind = Enum.TryParse<ValueKind>(x.GetProperty("kind").GetString(), ignoreCase: true, out var k) ? k : ValueKind.Rate;
            html.Append("<tr><th>").Append(Encode(x.GetProperty("label").GetString())).Append("</th><td>")
                .Append(Encode(AnalysisText.Value(kind, x.GetProperty("low").GetDouble()))).Append("</td><td>")
                .Append(Encode(AnalysisText.Value(kind, x.GetProperty("high").GetDouble()))).Append("</td><td>")
                .Append(Encode(AnalysisText.Percent(x.GetProperty("successLow").GetDouble()))).Append("</td><td>")
                .Append(Encode(AnalysisText.Percent(x.GetProperty("successHigh").GetDouble()))).Append("</td><td>")
                .Append(Encode(Dollars(Math.Round(x.GetProperty("medianTerminalRealLow").GetDouble())))).Append("</td><td>")
                .Append(Encode(Dollars(Math.Round(x.GetProperty("medianTerminalRealHigh").GetDouble())))).Append("</td><td>")
                .Append((x.GetProperty("swing").GetDouble() * 100).ToString("0.0", CultureInfo.InvariantCulture)).Append(" points</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        if (root.GetProperty("skipped").GetArrayLength() > 0)
        {
            html.Append("<p class=\"crumb\">Not applicable to this scenario: ")
                .Append(Encode(string.Join(", ", root.GetProperty("skipped").EnumerateArray().Select(e => e.GetString())))).Append(".</p>\n");
        }
    }

    private static void Row(StringBuilder html, string label, string value) =>
        html.Append("<tr><th>").Append(Encode(label)).Append("</th><td>").Append(Encode(value)).Append("</td></tr>\n");

    private static string Capitalized(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
