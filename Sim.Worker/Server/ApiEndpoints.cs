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

    private static async Task<IResult> SubmitAsync(HttpRequest http, RunRequestReader reader, RunSubmitter submitter, RunStore store,
        CancellationToken cancellationToken)
    {
        var body = await BoundedBody.ReadAsync(http, ServerSettings.MaxRequestBytes, cancellationToken);
        if (body is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large",
                detail: $"a request is at most {ServerSettings.MaxRequestBytes} bytes (1 MiB)");
        }

        var parsed = reader.Read(body, http.Query["paths"].FirstOrDefault(), http.Query["seed"].FirstOrDefault());
        if (parsed.Request is null)
        {
            var errors = parsed.Errors.GroupBy(e => e.Path, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
            return Results.ValidationProblem(errors, title: "The run request is invalid",
                detail: $"{parsed.Errors.Count} error(s); each key is the JSON path of a field in the request body");
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

    private static IResult QueueStress(IBackgroundJobClient jobs, TimeProvider clock)
    {
        var jobId = jobs.Enqueue<StressSuiteJob>(job => job.RunAsync(CancellationToken.None));
        var night = DriftReport.Format(DateOnly.FromDateTime(clock.GetLocalNow().DateTime));
        return Results.Accepted($"/hangfire/jobs/details/{jobId}", new
        {
            JobId = jobId,
            Night = night,
            Output = $"nightly/date={night}/",
            Dashboard = $"/hangfire/jobs/details/{jobId}",
        });
    }

    private static IResult BadId(string id) => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a run id",
        detail: $"'{id}' is not a run id: run ids are 16 lowercase hex digits");
}
