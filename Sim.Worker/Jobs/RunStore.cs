using Sim.Worker.Output;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Sim.Worker.Jobs;

/// <summary>
/// The on-disk run store, shared by every process that works the same queue (one folder, on a shared file
/// system when the processes run on several machines):
/// <code>
/// OUT/runs/ID/request.json           what to compute (written once, atomically, before the job is queued)
/// OUT/runs/ID/state.json             status, progress, timings, error (replaced atomically)
/// OUT/runs/ID/result/*.parquet       the output; the folder appears in one rename when complete
/// OUT/runs/ID/result.tmp-GUID/       an attempt in progress (deleted when the attempt ends or is recovered)
/// </code>
/// Every method validates the id, so a caller-provided string never becomes a path outside the store.
/// </summary>
public sealed partial class RunStore
{
    /// <summary>The folder of completed output inside a run folder.</summary>
    public const string ResultFolderName = "result";

    /// <summary>Serializer settings of request.json and state.json (camelCase, enums as lowercase strings).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Creates a store under <paramref name="outputDirectory"/>/runs.</summary>
    public RunStore(string outputDirectory)
    {
        OutputDirectory = Path.GetFullPath(outputDirectory);
        Root = Path.Combine(OutputDirectory, "runs");
    }

    /// <summary>The output folder the store lives in.</summary>
    public string OutputDirectory { get; }

    /// <summary>The <c>runs</c> folder.</summary>
    public string Root { get; }

    /// <summary>The folder of one run.</summary>
    public string RunDirectory(string runId) => Path.Combine(Root, Checked(runId));

    /// <summary>The completed-output folder of one run (exists only once the run succeeded).</summary>
    public string ResultDirectory(string runId) => Path.Combine(RunDirectory(runId), ResultFolderName);

    private string RequestPath(string runId) => Path.Combine(RunDirectory(runId), "request.json");

    private string StatePath(string runId) => Path.Combine(RunDirectory(runId), "state.json");

    /// <summary>Persists the request of <paramref name="runId"/> unless it is already there (same id, same content).</summary>
    public void SaveRequest(string runId, RunRequest request) =>
        AtomicFile.CreateText(RequestPath(runId), JsonSerializer.Serialize(request, Json));

    /// <summary>The persisted request, or null when the run is unknown.</summary>
    public RunRequest? LoadRequest(string runId) => Read<RunRequest>(RequestPath(runId));

    /// <summary>The current state, or null when the run is unknown.</summary>
    public RunState? LoadState(string runId) => RunIds.IsWellFormed(runId) ? Read<RunState>(StatePath(runId)) : null;

    /// <summary>Replaces the state atomically.</summary>
    public void SaveState(RunState state) => AtomicFile.WriteAllText(StatePath(state.RunId), JsonSerializer.Serialize(state, Json));

    /// <summary>True when the run's result folder exists (it only ever appears complete).</summary>
    public bool HasResult(string runId) => Directory.Exists(ResultDirectory(runId));

    /// <summary>A fresh, empty folder for one attempt's output, next to where the result will appear.</summary>
    public string CreateAttemptDirectory(string runId)
    {
        var path = AtomicFile.TemporarySibling(ResultDirectory(runId));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>
    /// Publishes an attempt's output by renaming its folder to <c>result</c>. Returns false (and deletes the
    /// attempt folder) when a result is already there: exactly one complete set of files ever exists.
    /// </summary>
    public bool Publish(string runId, string attemptDirectory)
    {
        var result = ResultDirectory(runId);
        try
        {
            Directory.Move(attemptDirectory, result);
            return true;
        }
        catch (IOException) when (Directory.Exists(result))
        {
            DeleteDirectory(attemptDirectory);
            return false;
        }
    }

    /// <summary>Deletes every temporary file and attempt folder of one run; returns how many it removed.</summary>
    public int DeleteTemporaries(string runId)
    {
        var folder = RunDirectory(runId);
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var removed = 0;
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder, "*" + AtomicFile.TemporaryMarker + "*"))
        {
            if (Directory.Exists(entry))
            {
                DeleteDirectory(entry);
            }
            else
            {
                File.Delete(entry);
            }

            removed++;
        }

        return removed;
    }

    /// <summary>Ids of every run folder in the store.</summary>
    public IReadOnlyList<string> ListRunIds() => Directory.Exists(Root)
        ? Directory.EnumerateDirectories(Root).Select(Path.GetFileName).OfType<string>().Where(RunIds.IsWellFormed)
            .Order(StringComparer.Ordinal).ToList()
        : [];

    /// <summary>
    /// The full path of a result file, or null when the name is not a plain result file name
    /// (letters, digits, '-', '_', then '.parquet' or '.svg') or the file does not exist.
    /// </summary>
    public string? ResultFile(string runId, string fileName)
    {
        if (!RunIds.IsWellFormed(runId) || !IsResultFileName(fileName))
        {
            return null;
        }

        var path = Path.Combine(ResultDirectory(runId), fileName);
        return File.Exists(path) ? path : null;
    }

    /// <summary>True for names a result file may have; rejects separators, '..', and absolute paths.</summary>
    public static bool IsResultFileName(string? fileName) => fileName is not null && FileNamePattern().IsMatch(fileName);

    /// <summary>Deletes a folder tree, tolerating its absence.</summary>
    public static void DeleteDirectory(string path) => Output.AtomicFile.DeleteDirectory(path);

    private static T? Read<T>(string path)
        where T : class
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<T>(stream, Json);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static string Checked(string runId) => RunIds.IsWellFormed(runId)
        ? runId
        : throw new ArgumentException($"'{runId}' is not a run id (16 lowercase hex digits)", nameof(runId));

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,100}\.(parquet|svg)\z", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}
