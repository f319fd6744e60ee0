using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sim.Engine.Scenarios;
using Sim.Worker.Analysis;
using Sim.Worker.Jobs;
using Sim.Worker.Output;

namespace Sim.Worker.Server;

/// <summary>One run as the listing shows it (<c>GET /api/runs</c> and the home page).</summary>
public sealed record RunListItem
{
    /// <summary>Run id.</summary>
    public required string Id { get; init; }

    /// <summary>Scenario name.</summary>
    public string? Scenario { get; init; }

    /// <summary>The scenario's description.</summary>
    public string? Description { get; init; }

    /// <summary>queued, running, succeeded or failed.</summary>
    public required RunStatus Status { get; init; }

    /// <summary>When first queued.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it finished.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Effective paths.</summary>
    public int? Paths { get; init; }

    /// <summary>Effective seed.</summary>
    public ulong? Seed { get; init; }

    /// <summary>Probability of success once succeeded (a number from 0 to 1).</summary>
    public double? SuccessProbability { get; init; }

    /// <summary>The success figure as people read it (<see cref="Units.SuccessShort"/>): "85.7%", "&gt; 99.9%", or "cannot run out (rmdOnly)".</summary>
    public string? Success { get; init; }

    /// <summary>Links: the run's JSON, its results page, its Hangfire job.</summary>
    public required RunLinks Links { get; init; }
}

/// <summary>A page of the listing.</summary>
/// <param name="Runs">Newest first.</param>
/// <param name="Next">The address of the next page, or null on the last one.</param>
public sealed record RunListPage(IReadOnlyList<RunListItem> Runs, string? Next);

/// <summary>
/// Finding past runs: <c>GET /api/runs?scenario=&amp;status=&amp;limit=&amp;after=</c> (JSON, newest first, paged with
/// <c>after</c> = the last id of the previous page) and the home page <c>GET /</c>, which shows the same listing for
/// a person. <c>scenario</c> matches part of the scenario name, ignoring case.
/// </summary>
public static class RunListing
{
    /// <summary>Page size when <c>limit</c> is not given.</summary>
    public const int DefaultLimit = 50;

    /// <summary>Largest page.</summary>
    public const int MaxLimit = 500;

    /// <summary>Maps <c>GET /api/runs</c> and <c>GET /</c>.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/runs", (HttpRequest http, RunStore store) =>
        {
            var (query, errors) = Parse(http.Query);
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors, title: "The listing query is invalid",
                    detail: "scenario: part of a name; status: queued, running, succeeded or failed; limit: 1 to 500; after: a run id");
            }

            return Results.Ok(List(store, query));
        });
        app.MapGet("/", (HttpRequest http, HttpContext context, RunStore store, AnalysisStore analyses) =>
        {
            context.Response.Headers.ContentSecurityPolicy = HomePage.ContentSecurityPolicy;
            context.Response.Headers.XContentTypeOptions = "nosniff";
            var (query, errors) = Parse(http.Query);
            var page = errors.Count > 0 ? new RunListPage([], null) : List(store, query);
            // The answers' first page, under the same filter, beside the first page of runs (older ones: /api/analyses).
            var answers = errors.Count > 0 || query.After is not null ? null : AnalysisListing.List(analyses, query with { After = null });
            return Results.Content(HomePage.Render(page, query, errors.Values.SelectMany(v => v).ToList(), answers),
                ResultsPage.HtmlMediaType, System.Text.Encoding.UTF8);
        });
    }

    /// <summary>What the listing was asked for.</summary>
    public sealed record Query(string? Scenario, RunStatus? Status, int Limit, string? After);

    /// <summary>Reads and checks the query string; every problem keyed by its parameter.</summary>
    public static (Query Query, Dictionary<string, string[]> Errors) Parse(IQueryCollection q)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var scenario = q["scenario"].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(scenario))
        {
            scenario = null;
        }
        else if (scenario.Length > 100)
        {
            errors["scenario"] = ["at most 100 characters"];
        }

        RunStatus? status = null;
        if (q["status"].FirstOrDefault() is { Length: > 0 } s)
        {
            if (Enum.TryParse<RunStatus>(s, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(s[0]))
            {
                status = parsed;
            }
            else
            {
                errors["status"] = ["must be queued, running, succeeded or failed"];
            }
        }

        var limit = DefaultLimit;
        if (q["limit"].FirstOrDefault() is { Length: > 0 } l)
        {
            if (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit)
            {
                errors["limit"] = [$"must be an integer from 1 to {MaxLimit}"];
                limit = DefaultLimit;
            }
        }

        var after = q["after"].FirstOrDefault();
        if (string.IsNullOrEmpty(after))
        {
            after = null;
        }
        else if (!RunIds.IsWellFormed(after))
        {
            errors["after"] = ["must be an id (16 lowercase hex digits): the last id of the previous page"];
            after = null;
        }

        return (new Query(scenario, status, limit, after), errors);
    }

    /// <summary>The runs matching <paramref name="query"/>, newest first (then by id), one page.</summary>
    public static RunListPage List(RunStore store, Query query)
    {
        var all = new List<RunListItem>();
        foreach (var id in store.ListRunIds())
        {
            RunState? state;
            RunRequest? request;
            try
            {
                state = store.LoadState(id);
                request = store.LoadRequest(id);
            }
            catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
            {
                continue; // a run being written or damaged: left out of the listing, still reachable by id
            }

            if (state is null
                || (query.Status is { } status && state.Status != status)
                || (query.Scenario is { } name && request?.ScenarioName.Contains(name, StringComparison.OrdinalIgnoreCase) != true))
            {
                continue;
            }

            all.Add(Item(state, request));
        }

        var (page, next) = Page(all, query, r => r.CreatedAt, r => r.Id, "/api/runs", filter: null);
        return new RunListPage(page, next);
    }

    /// <summary>
    /// One page of a listing (runs or answers): <paramref name="all"/> sorted newest first (then by id), the items after
    /// the query's <c>after</c> cursor up to its limit, and the link to the next page (null on the last).
    /// </summary>
    /// <param name="all">Every matching item; sorted in place.</param>
    /// <param name="query">The filter and paging of the request.</param>
    /// <param name="createdAt">When an item was queued.</param>
    /// <param name="id">An item's id (the cursor).</param>
    /// <param name="path">The listing's path, e.g. <c>/api/runs</c>.</param>
    /// <param name="filter">A listing's own first query parameter (e.g. <c>kind=solve</c>), or null.</param>
    internal static (List<T> Page, string? Next) Page<T>(List<T> all, Query query, Func<T, DateTimeOffset> createdAt,
        Func<T, string> id, string path, string? filter)
    {
        all.Sort((a, b) => createdAt(b) != createdAt(a)
            ? createdAt(b).CompareTo(createdAt(a))
            : string.CompareOrdinal(id(a), id(b)));
        var start = query.After is { } after ? all.FindIndex(r => id(r) == after) + 1 : 0;
        var page = all.Skip(start).Take(query.Limit).ToList();
        var more = start + page.Count < all.Count && page.Count > 0;
        return (page, more ? NextLink(path, filter, query, id(page[^1])) : null);
    }

    /// <summary>What the listing and the results page show of a run's scenario: its description and its withdrawal
    /// strategy (fixedReal when absent), read from the canonical JSON in one parse.</summary>
    public readonly record struct ScenarioLabels(string? Description, string Strategy);

    /// <summary>The labels of <paramref name="request"/>'s scenario (no description and fixedReal when there is no
    /// request or its JSON cannot be read).</summary>
    public static ScenarioLabels Labels(RunRequest? request)
    {
        string? description = null, strategy = null;
        if (request is not null)
        {
            try
            {
                using var doc = JsonDocument.Parse(request.ScenarioJson);
                var root = doc.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    description = Text(root, "description");
                    strategy = root.TryGetProperty("withdrawals", out var withdrawals) && withdrawals.ValueKind == JsonValueKind.Object
                        ? Text(withdrawals, "strategy")
                        : null;
                }
            }
            catch (JsonException)
            {
                // Unreadable: no description, the default strategy.
            }
        }

        return new ScenarioLabels(description,
            strategy is not null && WithdrawalStrategies.Canonical(strategy) is { } canonical ? canonical : WithdrawalStrategies.Names[0]);

        static string? Text(JsonElement o, string name) =>
            o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }

    /// <summary>The run's withdrawal strategy, read from its canonical JSON (fixedReal when absent).</summary>
    public static string Strategy(RunRequest? request) => Labels(request).Strategy;

    private static RunListItem Item(RunState state, RunRequest? request)
    {
        var labels = Labels(request);
        return new RunListItem
        {
            Id = state.RunId,
            Scenario = request?.ScenarioName,
            Description = labels.Description,
            Status = state.Status,
            CreatedAt = state.CreatedAt,
            FinishedAt = state.FinishedAt,
            Paths = request?.Paths,
            Seed = request?.Seed,
            SuccessProbability = state.SuccessProbability,
            Success = state.SuccessProbability is { } p ? Units.SuccessShort(p, labels.Strategy) : null,
            Links = new RunLinks($"/api/runs/{state.RunId}", state.JobId is null ? null : $"/hangfire/jobs/details/{state.JobId}",
                ResultsPage.PathOf(state.RunId)),
        };
    }

    private static string NextLink(string path, string? filter, Query query, string lastId)
    {
        var parts = new List<string>();
        if (filter is not null)
        {
            parts.Add(filter);
        }

        if (query.Scenario is { } s)
        {
            parts.Add("scenario=" + Uri.EscapeDataString(s));
        }

        if (query.Status is { } status)
        {
            parts.Add("status=" + status.ToString().ToLowerInvariant());
        }

        if (query.Limit != DefaultLimit)
        {
            parts.Add("limit=" + query.Limit.ToString(CultureInfo.InvariantCulture));
        }

        parts.Add("after=" + lastId);
        return path + "?" + string.Join('&', parts);
    }
}
