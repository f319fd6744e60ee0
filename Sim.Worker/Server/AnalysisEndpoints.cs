using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sim.Worker.Analysis;
using Sim.Worker.Jobs;

namespace Sim.Worker.Server;

/// <summary>A file of a finished analysis, with its download link.</summary>
public sealed record AnalysisFileView(string Name, long Bytes, string Href);

/// <summary>Links of an analysis: its JSON, its results page, its Hangfire job.</summary>
public sealed record AnalysisLinks(string Self, string Page, string? Dashboard);

/// <summary>What the API answers about one analysis.</summary>
public sealed record AnalysisView
{
    /// <summary>The analysis id (16 hex digits).</summary>
    public required string Id { get; init; }
    /// <summary>solve, compare or sensitivity.</summary>
    public required string Kind { get; init; }
    /// <summary>The scenarios' names; for compare, A first.</summary>
    public required IReadOnlyList<string> Scenarios { get; init; }
    /// <summary>The question in words (<see cref="AnalysisPage.Subject"/>).</summary>
    public string? Subject { get; init; }
    /// <summary>solve: the field solved for; null otherwise.</summary>
    public string? Field { get; init; }
    /// <summary>solve: the target, e.g. <c>success=0.9</c>; null otherwise.</summary>
    public string? Target { get; init; }
    /// <summary>Paths of every run.</summary>
    public required int Paths { get; init; }
    /// <summary>The seed of every run.</summary>
    public required ulong Seed { get; init; }
    /// <summary>Queued, running, succeeded or failed.</summary>
    public required RunStatus Status { get; init; }
    /// <summary>Percent done, 0 to 100.</summary>
    public double Progress { get; init; }
    /// <summary>The answer in one sentence, once succeeded.</summary>
    public string? Answer { get; init; }
    /// <summary>Why it failed; null unless failed.</summary>
    public string? Error { get; init; }
    /// <summary>When it was first submitted (UTC).</summary>
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>When the latest attempt ended; null until then.</summary>
    public DateTimeOffset? FinishedAt { get; init; }
    /// <summary>Wall time of the computation, seconds.</summary>
    public double? WallSeconds { get; init; }
    /// <summary>The result files, each with its download link, once succeeded.</summary>
    public IReadOnlyList<AnalysisFileView> Files { get; init; } = [];
    /// <summary>Where to read it again, see it, and find its job.</summary>
    public required AnalysisLinks Links { get; init; }

    /// <summary>The API view of a stored analysis.</summary>
    public static AnalysisView From(AnalysisState s, AnalysisRequest r, AnalysisStore store)
    {
        string kind = KindNames.Name(s.Kind);
        string self = $"/api/{kind}/{s.AnalysisId}";
        return new AnalysisView
        {
            Id = s.AnalysisId,
            Kind = kind,
            Scenarios = r.ScenarioNames,
            Subject = AnalysisPage.Subject(r),
            Field = r.Field,
            Target = r.Target,
            Paths = r.Paths,
            Seed = r.Seed,
            Status = s.Status,
            Progress = s.Progress,
            Answer = s.Answer,
            Error = s.Error,
            CreatedAt = s.CreatedAt,
            FinishedAt = s.FinishedAt,
            WallSeconds = s.WallSeconds,
            Files = s.Status == RunStatus.Succeeded
                ? s.Files.Select(f => new AnalysisFileView(f, store.ResultFile(s.AnalysisId, f) is { } p ? new FileInfo(p).Length : 0,
                    $"{self}/files/{f}")).ToList()
                : [],
            Links = new AnalysisLinks(self, AnalysisPage.PathOf(s.Kind, s.AnalysisId),
                s.JobId is null ? null : $"/hangfire/jobs/details/{s.JobId}"),
        };
    }
}

/// <summary>
/// <c>POST /api/solve</c>, <c>/api/compare</c>, <c>/api/sensitivity</c> queue a Hangfire job like a run (the id is
/// derived from the inputs, so the same question twice is one analysis); <c>GET /api/{kind}/{id}</c> answers its
/// status and, once done, the answer in one sentence and its files; <c>GET /api/{kind}/{id}/files/{name}</c>
/// downloads one. Bodies are <c>application/json</c> only, at most 1 MiB; errors are <c>application/problem+json</c>.
/// </summary>
public static class AnalysisEndpoints
{
    /// <summary>Maps <c>POST /api/{kind}</c>, <c>GET /api/{kind}/{id}</c> and <c>GET /api/{kind}/{id}/files/{fileName}</c> for each kind.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        foreach (var kind in Enum.GetValues<AnalysisKind>())
        {
            string name = KindNames.Name(kind);
            api.MapPost("/" + name, (HttpRequest http, AnalysisRequestReader reader, AnalysisSubmitter submitter, AnalysisStore store,
                ValidationGate gate, CancellationToken ct) => SubmitAsync(kind, http, reader, submitter, store, gate, ct));
            api.MapGet($"/{name}/{{id}}", (string id, AnalysisStore store) => Get(kind, id, store));
            api.MapGet($"/{name}/{{id}}/files/{{fileName}}", (string id, string fileName, AnalysisStore store) => GetFile(kind, id, fileName, store));
        }

        AnalysisPage.Map(app);
    }

    private static async Task<IResult> SubmitAsync(AnalysisKind kind, HttpRequest http, AnalysisRequestReader reader,
        AnalysisSubmitter submitter, AnalysisStore store, ValidationGate gate, CancellationToken ct)
    {
        // Content-Type: application/json and the host are checked for every /api POST by WebSecurity.
        var (parsed, refusal) = await RequestIntake.ReadAsync(http, gate, "requests", body => reader.Read(kind, body), ct);
        if (refusal is not null)
        {
            return refusal;
        }

        if (parsed!.Request is null)
        {
            return ApiEndpoints.Invalid(parsed.Errors, $"The {KindNames.Name(kind)} request is invalid");
        }

        var (state, outcome) = submitter.Submit(parsed.Request);
        var view = AnalysisView.From(state, parsed.Request, store);
        return outcome == SubmitOutcome.AlreadySucceeded ? Results.Ok(view) : Results.Accepted(view.Links.Self, view);
    }

    private static IResult Get(AnalysisKind kind, string id, AnalysisStore store)
    {
        if (!RunIds.IsWellFormed(id))
        {
            return BadId(id);
        }

        return store.LoadState(id) is { } state && state.Kind == kind && store.LoadRequest(id) is { } request
            ? Results.Ok(AnalysisView.From(state, request, store))
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such analysis", detail: $"no {KindNames.Name(kind)} {id}");
    }

    private static IResult GetFile(AnalysisKind kind, string id, string fileName, AnalysisStore store)
    {
        if (!RunIds.IsWellFormed(id))
        {
            return BadId(id);
        }

        if (!AnalysisStore.IsFileName(fileName))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a file name",
                detail: "a file name is letters, digits, '-', '_' and '.parquet', '.svg' or '.json'; paths are not accepted");
        }

        var path = store.LoadState(id) is { Kind: var k } && k == kind ? store.ResultFile(id, fileName) : null;
        if (path is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such file",
                detail: $"{KindNames.Name(kind)} {id} has no file {fileName} (yet)");
        }

        string type = Path.GetExtension(fileName) switch
        {
            ".svg" => ApiEndpoints.SvgMediaType,
            ".json" => "application/json",
            _ => ApiEndpoints.ParquetMediaType,
        };
        return Results.File(path, type, fileName, enableRangeProcessing: true);
    }

    private static IResult BadId(string id) => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not an analysis id",
        detail: $"'{id}' is not an analysis id: ids are 16 lowercase hex digits");
}
