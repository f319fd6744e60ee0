using Sim.Worker.Output;
using System.Text.Json;
using Sim.Worker.Jobs;

namespace Sim.Worker.Analysis;

/// <summary>The observable state of one analysis, persisted as <c>analyses/&lt;id&gt;/state.json</c>.</summary>
public sealed record AnalysisState
{
    /// <summary>The analysis id: 16 lowercase hex digits hashing the request.</summary>
    public required string AnalysisId { get; init; }
    /// <summary>Solve, compare or sensitivity.</summary>
    public required AnalysisKind Kind { get; init; }
    /// <summary>Queued, running, succeeded or failed.</summary>
    public required RunStatus Status { get; init; }
    /// <summary>Percent done, 0 to 100.</summary>
    public double Progress { get; init; }
    /// <summary>The Hangfire job id of the latest attempt; null before it is queued.</summary>
    public string? JobId { get; init; }
    /// <summary>When the analysis was first submitted (UTC).</summary>
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>When the latest attempt started; null while queued.</summary>
    public DateTimeOffset? StartedAt { get; init; }
    /// <summary>When the latest attempt ended; null until then.</summary>
    public DateTimeOffset? FinishedAt { get; init; }
    /// <summary>Wall time of the finished computation, seconds.</summary>
    public double? WallSeconds { get; init; }
    /// <summary>The answer in one sentence, once succeeded.</summary>
    public string? Answer { get; init; }
    /// <summary>Why it failed (a user mistake the computation found, or a crash).</summary>
    public string? Error { get; init; }
    /// <summary>The result files' names, once succeeded.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>Succeeded or failed: nothing more will change unless it is submitted again.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsFinished => Status is RunStatus.Succeeded or RunStatus.Failed;
}

/// <summary>
/// The on-disk store of analyses, beside the run store and shared the same way:
/// <code>
/// OUT/analyses/ID/request.json     what to compute (written once, before the job is queued)
/// OUT/analyses/ID/state.json       status, progress, answer, error (replaced atomically)
/// OUT/analyses/ID/result/          the files; the folder appears in one rename when complete
/// </code>
/// Every method validates the id (16 lowercase hex digits), so a caller's string never becomes a path.
/// </summary>
public sealed class AnalysisStore(string outputDirectory)
{
    /// <summary>The folder inside an analysis's folder that holds the published files.</summary>
    public const string ResultFolderName = "result";

    /// <c>OUT/analyses</c>, absolute.
    public string Root { get; } = Path.Combine(Path.GetFullPath(outputDirectory), "analyses");

    /// <summary>The folder of analysis <paramref name="id"/>; throws <see cref="ArgumentException"/> for a malformed id.</summary>
    public string Directory(string id) => Path.Combine(Root, RunIds.IsWellFormed(id) ? id : throw new ArgumentException($"'{id}' is not an analysis id"));

    /// <summary>The published result folder of analysis <paramref name="id"/>.</summary>
    public string ResultDirectory(string id) => Path.Combine(Directory(id), ResultFolderName);

    /// <summary>Writes the request, atomically (once, before the job is queued).</summary>
    public void SaveRequest(string id, AnalysisRequest request) =>
        AtomicFile.CreateText(Path.Combine(Directory(id), "request.json"), JsonSerializer.Serialize(request, RunStore.Json));

    /// <summary>The stored request; null for a malformed or unknown id.</summary>
    public AnalysisRequest? LoadRequest(string id) => RunIds.IsWellFormed(id) ? Read<AnalysisRequest>(Path.Combine(Directory(id), "request.json")) : null;

    /// <summary>The stored state; null for a malformed or unknown id.</summary>
    public AnalysisState? LoadState(string id) => RunIds.IsWellFormed(id) ? Read<AnalysisState>(Path.Combine(Directory(id), "state.json")) : null;

    /// <summary>Replaces the state file atomically.</summary>
    public void SaveState(AnalysisState state) =>
        AtomicFile.WriteAllText(Path.Combine(Directory(state.AnalysisId), "state.json"), JsonSerializer.Serialize(state, RunStore.Json));

    /// <summary>Every analysis id with a folder in the store, in id order.</summary>
    public IReadOnlyList<string> ListIds() => System.IO.Directory.Exists(Root)
        ? System.IO.Directory.EnumerateDirectories(Root).Select(Path.GetFileName).OfType<string>().Where(RunIds.IsWellFormed)
            .Order(StringComparer.Ordinal).ToList()
        : [];

    /// <summary>Whether the result folder has been published.</summary>
    public bool HasResult(string id) => System.IO.Directory.Exists(ResultDirectory(id));

    /// <summary>A fresh folder for one attempt, renamed to <c>result</c> by <see cref="Publish"/>.</summary>
    public string CreateAttemptDirectory(string id)
    {
        var path = AtomicFile.TemporarySibling(ResultDirectory(id));
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Renames the attempt folder to <c>result</c>; false (and the attempt deleted) when one is already there.</summary>
    public bool Publish(string id, string attempt)
    {
        try
        {
            System.IO.Directory.Move(attempt, ResultDirectory(id));
            return true;
        }
        catch (IOException) when (HasResult(id))
        {
            RunStore.DeleteDirectory(attempt);
            return false;
        }
    }

    /// <summary>The full path of a result file, or null when the name is not a plain file name or it does not exist.</summary>
    public string? ResultFile(string id, string name)
    {
        if (!RunIds.IsWellFormed(id) || !IsFileName(name))
        {
            return null;
        }

        var path = Path.Combine(ResultDirectory(id), name);
        return File.Exists(path) ? path : null;
    }

    /// <summary>Result file names: a plain name ending in .parquet, .svg or .json (no separators, no '..').</summary>
    public static bool IsFileName(string? name) => name is not null && (RunStore.IsResultFileName(name)
        || (name.EndsWith(".json", StringComparison.Ordinal) && RunStore.IsResultFileName(name[..^5] + ".svg")));

    private static T? Read<T>(string path)
        where T : class
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<T>(stream, RunStore.Json);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
