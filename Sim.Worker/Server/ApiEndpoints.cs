using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sim.Worker.Jobs;

namespace Sim.Worker.Server;

/// <summary>
/// The HTTP API (minimal APIs): submit and inspect runs, download their files, list the scenario library,
/// queue the stress suite. Errors are <c>application/problem+json</c>; validation errors list every field
/// path under <c>errors</c>.
/// </summary>
public static class ApiEndpoints
{
    /// <summary>Media type of Parquet files (IANA, 2024).</summary>
    public const string ParquetMediaType = "application/vnd.apache.parquet";

    /// <summary>Media type of the fan chart the runner draws next to the Parquet files.</summary>
    public const string SvgMediaType = "image/svg+xml";

    /// <summary>Maps every endpoint under <c>/api</c>.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapPost("/runs", SubmitAsync);
        api.MapGet("/runs/{id}", GetRun);
        api.MapGet("/runs/{id}/files/{name}", GetFile);
        api.MapGet("/scenarios", ListScenarios);
        api.MapPost("/stress", QueueStress);
    }

    /// <summary>Most validation errors one 400 answer lists; the rest are counted ("… and N more").</summary>
    public const int MaxReportedErrors = 50;

    /// <summary>Longest JSON path or message quoted in a 400 answer (a field name can be 1 MiB long).</summary>
    public const int MaxReportedLength = 200;

    private static async Task<IResult> SubmitAsync(HttpRequest http, RunRequestReader reader, RunSubmitter submitter, RunStore store,
        ValidationGate gate, CancellationToken cancellationToken)
    {
        var (parsed, refusal) = await RequestIntake.ReadAsync(http, gate, "run requests",
            body => reader.Read(body, http.Query["paths"].FirstOrDefault(), http.Query["seed"].FirstOrDefault()), cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (parsed!.Request is null)
        {
            return Invalid(parsed.Errors);
        }

        var result = submitter.Submit(parsed.Request);
        var view = RunView.From(result.State, store.LoadRequest(result.RunId), store, result.Outcome == SubmitOutcome.Queued);
        return result.Outcome == SubmitOutcome.AlreadySucceeded
            ? Results.Ok(view)
            : Results.Accepted(view.Links.Self, view);
    }

    private static IResult GetRun(string id, RunStore store)
    {
        if (!RunIds.IsWellFormed(id))
        {
            return BadId(id);
        }

        var state = store.LoadState(id);
        return state is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such run", detail: $"no run {id}")
            : Results.Ok(RunView.From(state, store.LoadRequest(id), store));
    }

    private static IResult GetFile(string id, string name, RunStore store)
    {
        if (!RunIds.IsWellFormed(id))
        {
            return BadId(id);
        }

        if (!RunStore.IsResultFileName(name))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a file name",
                detail: "a file name is letters, digits, '-', '_' and '.parquet' or '.svg'; paths are not accepted");
        }

        var path = store.ResultFile(id, name);
        return path is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such file", detail: $"run {id} has no file {name} (yet)")
            : Results.File(path, name.EndsWith(".svg", StringComparison.Ordinal) ? SvgMediaType : ParquetMediaType, name,
                enableRangeProcessing: true);
    }

    private static IResult ListScenarios(JobSettings settings)
    {
        var catalog = new ScenarioCatalog(settings.ScenariosDirectory);
        return Results.Ok(new
        {
            Scenarios = catalog.Scenarios().Select(e => new { e.Name, File = e.Name + ".json", e.Description }),
            Overlays = catalog.Overlays().Select(e => new { e.Name, File = "stress/" + e.Name + ".json", e.Description }),
        });
    }

    private static IResult QueueStress(IBackgroundJobClient jobs, TimeProvider clock, ServerSettings settings)
    {
        var jobId = jobs.Enqueue<StressSuiteJob>(job => job.RunAsync(CancellationToken.None));
        var night = DriftReport.Format(DateOnly.FromDateTime(clock.GetLocalNow().DateTime));
        return Results.Accepted($"/hangfire/jobs/details/{jobId}", new
        {
            JobId = jobId,
            Night = night,
            Output = $"nightly/date={night}/",
            Dashboard = $"/hangfire/jobs/details/{jobId}",
            Storage = settings.Storage == StorageKind.InMemory ? "inmemory" : "postgres",
            Durability = settings.Storage == StorageKind.InMemory
                ? "in-memory storage forgets the queue when the server restarts: a suite not finished by then is lost (runs are recovered from the run store); use --storage postgres to keep it"
                : "the queue is kept in PostgreSQL across restarts",
        });
    }

    /// <summary>
    /// The 400 answer for <paramref name="issues"/>: at most <see cref="MaxReportedErrors"/> of them, each path and
    /// message cut to <see cref="MaxReportedLength"/> characters, and one "…" entry counting the rest, so the answer
    /// stays a few kilobytes whatever the body held.
    /// </summary>
    public static IResult Invalid(IReadOnlyList<Sim.Engine.Scenarios.ValidationIssue> issues, string title = "The run request is invalid")
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var group in issues.Take(MaxReportedErrors).GroupBy(e => Shorten(e.Path), StringComparer.Ordinal))
        {
            errors[group.Key] = [.. group.Select(e => Shorten(e.Message))];
        }

        if (issues.Count > MaxReportedErrors)
        {
            errors["…"] = [$"… and {issues.Count - MaxReportedErrors} more"];
        }

        return Results.ValidationProblem(errors, title: title,
            detail: $"{issues.Count} error(s); each key is the JSON path of a field in the request body");
    }

    private static string Shorten(string text) =>
        text.Length <= MaxReportedLength ? text : string.Concat(text.AsSpan(0, MaxReportedLength - 1), "…");

    private static IResult BadId(string id) => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a run id",
        detail: $"'{Shorten(id)}' is not a run id: run ids are 16 lowercase hex digits");
}
