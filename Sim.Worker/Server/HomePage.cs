using System.Globalization;
using System.Text;
using Sim.Worker.Jobs;
using static Sim.Worker.Server.HtmlFormat;

namespace Sim.Worker.Server;

/// <summary>
/// <c>GET /</c>: the runs on this server, newest first, for a person: scenario name and description, date, paths,
/// success (in the shared format), status and links to the results page, the JSON and the Hangfire job; a filter by
/// scenario name and status (a plain GET form, no script) and a link to the next page. The same listing as
/// <c>GET /api/runs</c> (<see cref="RunListing"/>).
/// </summary>
public static class HomePage
{
    /// <summary>As <see cref="ResultsPage.ContentSecurityPolicy"/>, but the filter form may submit to this server.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'";

    /// <summary>The page (pure: everything it shows is in the arguments).</summary>
    /// <param name="page">The runs to show.</param>
    /// <param name="query">What was asked for.</param>
    /// <param name="problems">Problems with the query, shown above the list.</param>
    /// <param name="answers">The answers (solve, compare, sensitivity) to list after the runs; null to leave the
    /// section out (a later page of runs).</param>
    public static string Render(RunListPage page, RunListing.Query query, IReadOnlyList<string> problems,
        AnalysisListPage? answers = null)
    {
        var html = new StringBuilder();
        ResultsPage.Head(html, "Sim.Worker — runs", refresh: false, HomeStyle);
        html.Append("<header>\n<p class=\"crumb\">Sim.Worker · <a href=\"/hangfire\">Hangfire dashboard</a> · ")
            .Append("<a href=\"/api/scenarios\">scenario library (JSON)</a> · <a href=\"/api/runs\">runs (JSON)</a> · ")
            .Append("<a href=\"#answers\">answers</a> · <a href=\"/api/analyses\">answers (JSON)</a></p>\n")
            .Append("<h1>Runs</h1>\n<p class=\"description\">Every run this server knows, newest first. ")
            .Append("Queue one with <code>enqueue SCENARIO.json</code> or <code>POST /api/runs</code>.</p>\n</header>\n");

        html.Append("<form id=\"filter\" method=\"get\" action=\"/\">\n<label>Scenario name <input type=\"search\" name=\"scenario\" value=\"")
            .Append(Encode(query.Scenario)).Append("\" maxlength=\"100\"></label>\n<label>Status <select name=\"status\">\n")
            .Append("<option value=\"\">any</option>\n");
        foreach (var status in Enum.GetValues<RunStatus>())
        {
            var name = status.ToString().ToLowerInvariant();
            html.Append("<option value=\"").Append(name).Append('"').Append(query.Status == status ? " selected" : "")
                .Append('>').Append(name).Append("</option>\n");
        }

        html.Append("</select></label>\n<button type=\"submit\">Filter</button>");
        if (query.Scenario is not null || query.Status is not null)
        {
            html.Append(" <a href=\"/\">show all</a>");
        }

        html.Append("\n</form>\n");
        foreach (var problem in problems)
        {
            html.Append("<p class=\"problem\">").Append(Encode(problem)).Append("</p>\n");
        }

        if (page.Runs.Count == 0)
        {
            html.Append("<p id=\"empty\" class=\"note\">")
                .Append(query.Scenario is null && query.Status is null && query.After is null
                    ? "No runs yet."
                    : "No runs match.")
                .Append("</p>\n");
        }
        else
        {
            html.Append("<table id=\"runs\">\n<thead><tr><th>scenario</th><th>queued</th><th>paths</th><th>success</th>")
                .Append("<th>status</th><th>links</th></tr></thead>\n<tbody>\n");
            foreach (var run in page.Runs)
            {
                var status = run.Status.ToString().ToLowerInvariant();
                html.Append("<tr class=\"").Append(status).Append("\"><th><a href=\"").Append(Encode(run.Links.Page)).Append("\">")
                    .Append(Encode(run.Scenario ?? "run " + run.Id)).Append("</a>");
                if (run.Description is { Length: > 0 } description)
                {
                    html.Append("<div class=\"desc\" title=\"").Append(Encode(description)).Append("\">").Append(Encode(description)).Append("</div>");
                }

                html.Append("</th><td class=\"when\">").Append(Encode(Instant(run.CreatedAt))).Append("</td><td class=\"num\">")
                    .Append(run.Paths is { } paths ? Count(paths) : "").Append("</td><td class=\"num\">")
                    .Append(Encode(run.Success ?? "")).Append("</td><td><span class=\"badge ").Append(status).Append("\">")
                    .Append(status).Append("</span></td><td class=\"links\"><a href=\"").Append(Encode(run.Links.Page))
                    .Append("\">results</a> · <a href=\"").Append(Encode(run.Links.Self)).Append("\">JSON</a>");
                if (run.Links.Dashboard is { } dashboard)
                {
                    html.Append(" · <a href=\"").Append(Encode(dashboard)).Append("\">job</a>");
                }

                html.Append(" <code class=\"id\">").Append(Encode(run.Id)).Append("</code></td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        if (page.Next is { } next)
        {
            // The same query on this page rather than the JSON address.
            var pageLink = "/" + next[next.IndexOf('?', StringComparison.Ordinal)..];
            html.Append("<p><a id=\"next\" href=\"").Append(Encode(pageLink)).Append("\">Older runs →</a></p>\n");
        }

        html.Append("<p class=\"note\">Success is the share of paths that never ran out of money; times are UTC. Showing up to ")
            .Append(query.Limit.ToString(CultureInfo.InvariantCulture)).Append(" runs per page.</p>\n");
        if (answers is not null)
        {
            Answers(html, answers, query);
        }

        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The answers section: each question in words (a link to its page), its one-sentence answer, kind,
    /// date, status and links.</summary>
    private static void Answers(StringBuilder html, AnalysisListPage answers, RunListing.Query query)
    {
        html.Append("<h2 id=\"answers\">Answers: solve, compare, sensitivity</h2>\n");
        if (answers.Analyses.Count == 0)
        {
            html.Append("<p id=\"no-answers\" class=\"note\">")
                .Append(query.Scenario is null && query.Status is null ? "No answers yet. Ask one with <code>POST /api/solve</code>, <code>/api/compare</code> or <code>/api/sensitivity</code>." : "No answers match.")
                .Append("</p>\n");
            return;
        }

        html.Append("<table id=\"analyses\">\n<thead><tr><th>question</th><th>queued</th><th>paths</th><th>status</th><th>links</th></tr></thead>\n<tbody>\n");
        foreach (var a in answers.Analyses)
        {
            var status = a.Status.ToString().ToLowerInvariant();
            html.Append("<tr class=\"").Append(status).Append("\"><th><span class=\"kind\">").Append(Encode(a.Kind)).Append("</span> <a href=\"")
                .Append(Encode(a.Links.Page)).Append("\">").Append(Encode(a.Subject ?? a.Kind + " " + a.Id)).Append("</a>");
            var sentence = a.Answer ?? (a.Status == RunStatus.Failed ? a.Error : null);
            if (sentence is { Length: > 0 })
            {
                html.Append("<div class=\"answer\">").Append(Encode(sentence)).Append("</div>");
            }

            html.Append("</th><td class=\"when\">").Append(Encode(Instant(a.CreatedAt))).Append("</td><td class=\"num\">")
                .Append(Count(a.Paths)).Append("</td><td><span class=\"badge ").Append(status).Append("\">").Append(status)
                .Append("</span></td><td class=\"links\"><a href=\"").Append(Encode(a.Links.Page)).Append("\">answer</a> · <a href=\"")
                .Append(Encode(a.Links.Self)).Append("\">JSON</a>");
            if (a.Links.Dashboard is { } dashboard)
            {
                html.Append(" · <a href=\"").Append(Encode(dashboard)).Append("\">job</a>");
            }

            html.Append(" <code class=\"id\">").Append(Encode(a.Id)).Append("</code></td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        if (answers.Next is { } next)
        {
            html.Append("<p><a id=\"next-answers\" href=\"").Append(Encode(next)).Append("\">Older answers (JSON) →</a></p>\n");
        }
    }

    private const string HomeStyle = """
        form#filter { display: flex; gap: 14px; align-items: end; flex-wrap: wrap; margin: 8px 0 16px; font-size: 15px; }
        form#filter label { display: flex; flex-direction: column; gap: 2px; color: #555; }
        form#filter input, form#filter select, form#filter button { font: inherit; padding: 4px 8px; }
        #runs { width: 100%; }
        #runs th, #runs td { vertical-align: top; text-align: left; }
        #runs td.num { text-align: right; }
        #runs tbody th { width: 42%; }
        #runs tbody th a { font-size: 17px; }
        .desc { font-weight: 400; color: #555; font-size: 14px; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
        .badge { padding: 1px 8px; border-radius: 9px; font-size: 13px; background: #eee; }
        .badge.succeeded { background: #e3f3e3; color: #1d6b1d; }
        .badge.failed { background: #fbe3e3; color: #a01a1a; }
        .badge.running, .badge.queued { background: #e3eefa; color: #1f4f8a; }
        td.when { white-space: nowrap; font-size: 14px; }
        td.links { white-space: nowrap; font-size: 14px; }
        code.id { color: #777; font-size: 12px; display: block; }
        #analyses { width: 100%; }
        #analyses th, #analyses td { vertical-align: top; text-align: left; }
        #analyses td.num { text-align: right; }
        #analyses tbody th { width: 62%; font-weight: 600; }
        #analyses tbody th a { font-size: 16px; }
        .kind { font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; color: #777; font-weight: 600; }
        .answer { font-weight: 400; color: #222; font-size: 14px; margin-top: 2px; }

        """;
}
