using Sim.Worker.Jobs;

namespace Sim.Worker.Server;

/// <summary>A file of a finished run, as the API lists it.</summary>
public sealed record RunFileView(string Name, long Bytes, string Href);

/// <summary>Links of a run.</summary>
/// <param name="Self">This run.</param>
/// <param name="Dashboard">Its Hangfire job on the dashboard.</param>
/// <param name="Page">Its results page for a browser (<c>/runs/{id}</c>).</param>
public sealed record RunLinks(string Self, string? Dashboard, string? Page = null);

/// <summary>The JSON answer of <c>POST /api/runs</c> and <c>GET /api/runs/{id}</c>.</summary>
public sealed record RunView
{
    /// <summary>Run id.</summary>
    public required string Id { get; init; }

    /// <summary>queued, running, succeeded or failed.</summary>
    public required RunStatus Status { get; init; }

    /// <summary>Percent done.</summary>
    public double Progress { get; init; }

    /// <summary>True when this submission queued a new job (POST only).</summary>
    public bool? Created { get; init; }

    /// <summary>Scenario name.</summary>
    public string? Scenario { get; init; }

    /// <summary>Library file the scenario came from.</summary>
    public string? ScenarioFile { get; init; }

    /// <summary>Effective paths.</summary>
    public int? Paths { get; init; }

    /// <summary>Effective seed.</summary>
    public ulong? Seed { get; init; }

    /// <summary>First simulated year.</summary>
    public int? StartYear { get; init; }

    /// <summary>Engine version.</summary>
    public string? EngineVersion { get; init; }

    /// <summary>When first queued.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the current or last computation started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it finished.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Wall time of the computation, seconds.</summary>
    public double? WallSeconds { get; init; }

    /// <summary>How many computations started (1 unless interrupted or retried).</summary>
    public int Computations { get; init; }

    /// <summary>Failure reason, or the reason for a pending retry.</summary>
    public string? Error { get; init; }

    /// <summary>Validation errors of a rejected run.</summary>
    public IReadOnlyList<string> ValidationErrors { get; init; } = [];

    /// <summary>Probability of success.</summary>
    public double? SuccessProbability { get; init; }

    /// <summary>The success as people read it (<see cref="Output.Units.SuccessShort"/>): "85.7%", "&gt; 99.9%", or
    /// "cannot run out (rmdOnly)" for a strategy that cannot fail.</summary>
    public string? Success { get; init; }

    /// <summary>Result files (once succeeded).</summary>
    public IReadOnlyList<RunFileView> Files { get; init; } = [];

    /// <summary>Links.</summary>
    public required RunLinks Links { get; init; }

    /// <summary>Builds the view of a run from its state, request and result folder.</summary>
    public static RunView From(RunState state, RunRequest? request, RunStore store, bool? created = null)
    {
        var self = $"/api/runs/{state.RunId}";
        var files = state.Status == RunStatus.Succeeded
            ? state.Files.Select(name => (Name: name, Path: store.ResultFile(state.RunId, name)))
                .Where(f => f.Path is not null)
                .Select(f => new RunFileView(f.Name, new FileInfo(f.Path!).Length, $"{self}/files/{f.Name}"))
                .ToList()
            : [];
        return new RunView
        {
            Id = state.RunId,
            Status = state.Status,
            Progress = state.Progress,
            Created = created,
            Scenario = request?.ScenarioName,
            ScenarioFile = request?.ScenarioFile,
            Paths = request?.Paths,
            Seed = request?.Seed,
            StartYear = request?.StartYear,
            EngineVersion = request?.EngineVersion,
            CreatedAt = state.CreatedAt,
            StartedAt = state.StartedAt,
            FinishedAt = state.FinishedAt,
            WallSeconds = state.WallSeconds,
            Computations = state.Computations,
            Error = state.Error,
            ValidationErrors = state.ValidationErrors,
            SuccessProbability = state.SuccessProbability,
            Success = state.SuccessProbability is { } p ? Output.Units.SuccessShort(p, RunListing.Strategy(request)) : null,
            Files = files,
            Links = new RunLinks(self, state.JobId is null ? null : $"/hangfire/jobs/details/{state.JobId}", ResultsPage.PathOf(state.RunId)),
        };
    }
}
