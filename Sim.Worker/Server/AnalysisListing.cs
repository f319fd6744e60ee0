using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sim.Worker.Analysis;

namespace Sim.Worker.Server;

/// <summary>A page of the answers listing.</summary>
/// <param name="Analyses">Newest first.</param>
/// <param name="Next">The address of the next page, or null on the last one.</param>
public sealed record AnalysisListPage(IReadOnlyList<AnalysisView> Analyses, string? Next);

/// <summary>
/// Finding past answers (solve, compare, sensitivity): <c>GET /api/analyses?kind=&amp;scenario=&amp;status=&amp;limit=&amp;after=</c>,
/// newest first, paged like <c>GET /api/runs</c> (<see cref="RunListing"/>: the same parameters and checks, plus
/// <c>kind</c>); the home page shows its first page. <c>scenario</c> matches part of any of the question's scenario
/// names, ignoring case. Each item is the analysis as <c>GET /api/{kind}/{id}</c> answers it.
/// </summary>
public static class AnalysisListing
{
    /// <summary>Maps <c>GET /api/analyses</c>.</summary>
    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/api/analyses", (HttpRequest http, AnalysisStore store) =>
    {
        var (query, errors) = RunListing.Parse(http.Query);
        var kind = ParseKind(http.Query, errors);
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The listing query is invalid",
                detail: "kind: solve, compare or sensitivity; scenario: part of a name; status: queued, running, succeeded or failed; limit: 1 to 500; after: an analysis id");
        }

        return Results.Ok(List(store, query, kind));
    });

    /// <summary>Reads <c>kind</c>; a bad one is added to <paramref name="errors"/>.</summary>
    public static AnalysisKind? ParseKind(IQueryCollection q, Dictionary<string, string[]> errors)
    {
        if (q["kind"].FirstOrDefault() is not { Length: > 0 } text)
        {
            return null;
        }

        if (KindNames.Parse(text) is { } kind)
        {
            return kind;
        }

        errors["kind"] = ["must be solve, compare or sensitivity"];
        return null;
    }

    /// <summary>The analyses matching the query, newest first (then by id), one page.</summary>
    public static AnalysisListPage List(AnalysisStore store, RunListing.Query query, AnalysisKind? kind = null)
    {
        var all = new List<AnalysisView>();
        foreach (var id in store.ListIds())
        {
            AnalysisState? state;
            AnalysisRequest? request;
            try
            {
                state = store.LoadState(id);
                request = store.LoadRequest(id);
            }
            catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
            {
                continue; // being written or damaged: left out, still reachable by id
            }

            if (state is null || request is null || request.ScenarioNames.Count == 0
                || (kind is { } k && state.Kind != k)
                || (query.Status is { } status && state.Status != status)
                || (query.Scenario is { } name && !request.ScenarioNames.Any(n => n.Contains(name, StringComparison.OrdinalIgnoreCase))))
            {
                continue;
            }

            all.Add(AnalysisView.From(state, request, store));
        }

        all.Sort((a, b) => b.CreatedAt != a.CreatedAt ? b.CreatedAt.CompareTo(a.CreatedAt) : string.CompareOrdinal(a.Id, b.Id));
        var start = query.After is { } after ? all.FindIndex(r => r.Id == after) + 1 : 0;
        var page = all.Skip(start).Take(query.Limit).ToList();
        var more = page.Count > 0 && start + page.Count < all.Count;
        return new AnalysisListPage(page, more ? NextLink(query, kind, page[^1].Id) : null);
    }

    private static string NextLink(RunListing.Query query, AnalysisKind? kind, string lastId)
    {
        var parts = new List<string>();
        if (kind is { } k)
        {
            parts.Add("kind=" + KindNames.Name(k));
        }

        if (query.Scenario is { } s)
        {
            parts.Add("scenario=" + Uri.EscapeDataString(s));
        }

        if (query.Status is { } status)
        {
            parts.Add("status=" + status.ToString().ToLowerInvariant());
        }

        if (query.Limit != RunListing.DefaultLimit)
        {
            parts.Add("limit=" + query.Limit.ToString(CultureInfo.InvariantCulture));
        }

        parts.Add("after=" + lastId);
        return "/api/analyses?" + string.Join('&', parts);
    }
}
