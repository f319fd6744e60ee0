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

        var (page, next) = RunListing.Page(all, query, a => a.CreatedAt, a => a.Id, "/api/analyses",
            kind is { } only ? "kind=" + KindNames.Name(only) : null);
        return new AnalysisListPage(page, next);
    }
}
