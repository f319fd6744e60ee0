using System.Text;
using System.Text.Json;
using Sim.Engine;
using Sim.Engine.Scenarios;
using Sim.Worker.Jobs;

namespace Sim.Worker.Server;

/// <summary>A request body turned into a <see cref="RunRequest"/>, or every reason it cannot be one.</summary>
/// <param name="Request">The request, when valid.</param>
/// <param name="Errors">Every error, each with the JSON path of the offending field in the body.</param>
public sealed record RunRequestParse(RunRequest? Request, IReadOnlyList<ValidationIssue> Errors);

/// <summary>
/// Reads the body of <c>POST /api/runs</c>. Two shapes:
/// <list type="bullet">
/// <item>a scenario JSON object (overrides, if any, in the query: <c>?paths=200&amp;seed=7</c>);</item>
/// <item>an envelope <c>{"scenario": "baseline" | {...}, "overlay": "lost-decade" | {...}, "paths": 200, "seed": 7}</c>,
/// where a string names a file in the scenario library (a name, never a path) and an object is an inline scenario;
/// the optional overlay is merged in as <c>run --overlay</c> does.</item>
/// </list>
/// Validation reports every error at once: the envelope's, then the scenario's (paths of an inline scenario are
/// prefixed with <c>$.scenario</c> so they point into the body).
/// </summary>
public sealed class RunRequestReader(IRunEngine engine, JobSettings settings, TimeProvider clock)
{
    private static readonly JsonDocumentOptions DocumentOptions = ScenarioJson.DocumentOptions;
    private static readonly string[] EnvelopeFields = ["scenario", "overlay", "paths", "seed"];

    /// <summary>Reads a body (UTF-8 JSON) with optional query overrides.</summary>
    public RunRequestParse Read(ReadOnlySpan<byte> body, string? queryPaths, string? querySeed)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            return Fail(new ValidationIssue("$", "the body is not valid UTF-8"));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), DocumentOptions);
        }
        catch (JsonException e)
        {
            // The scenario parser's words for the same mistake ("malformed JSON at line 9, position 66: a trailing
            // comma is not allowed"), so validate, run, enqueue and this API say the same thing.
            var words = engine.Parse(Encoding.UTF8.GetString(body), clock.GetLocalNow().Year, null).Errors
                .FirstOrDefault(i => i.Path == "$" && i.Message.StartsWith("malformed JSON", StringComparison.Ordinal));
            return Fail(words ?? new ValidationIssue("$", "malformed JSON: " + e.Message));
        }

        try
        {
            return Read(document, body, queryPaths, querySeed);
        }
        catch (InvalidOperationException)
        {
            // A name or string whose \u escapes are an unpaired UTF-16 surrogate cannot become a .NET string.
            return Fail(new ValidationIssue("$", "a string or field name holds an unpaired UTF-16 surrogate (\\uD800-\\uDFFF escape)"));
        }
        finally
        {
            document.Dispose();
        }
    }

    private RunRequestParse Read(JsonDocument document, ReadOnlySpan<byte> body, string? queryPaths, string? querySeed)
    {
        var errors = new List<ValidationIssue>();
        string? scenarioJson = null;
        string? file = null;
        var prefix = "$";
        int? paths = null;
        ulong? seed = null;
        string? overlayJson = null;

        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Fail(new ValidationIssue("$", "must be a JSON object: a scenario, or {\"scenario\": NAME or {...}, \"paths\": N, \"seed\": S}"));
            }

            if (root.TryGetProperty("scenario", out var scenario))
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var field in root.EnumerateObject())
                {
                    if (!EnvelopeFields.Contains(field.Name, StringComparer.Ordinal))
                    {
                        errors.Add(new ValidationIssue("$." + field.Name, "unknown field; a request has scenario, overlay, paths and seed"));
                    }
                    else if (!seen.Add(field.Name))
                    {
                        errors.Add(new ValidationIssue("$." + field.Name, "duplicate key; a field may appear only once"));
                    }
                }

                switch (scenario.ValueKind)
                {
                    case JsonValueKind.String:
                        (scenarioJson, file) = ReadNamed(scenario.GetString()!, errors);
                        break;
                    case JsonValueKind.Object:
                        scenarioJson = scenario.GetRawText();
                        prefix = "$.scenario";
                        break;
                    default:
                        errors.Add(new ValidationIssue("$.scenario", "must be the name of a file in scenarios/ or a scenario object"));
                        break;
                }

                overlayJson = ReadOverlay(root, errors);
                paths = ReadPaths(root, errors);
                seed = ReadSeed(root, errors);
                if (queryPaths is not null || querySeed is not null)
                {
                    errors.Add(new ValidationIssue("query", "give paths and seed in the body when the body is {\"scenario\": ...}"));
                }
            }
            else
            {
                scenarioJson = Encoding.UTF8.GetString(body);
                paths = ParseQueryPaths(queryPaths, errors);
                seed = ParseQuerySeed(querySeed, errors);
            }
        }

        if (scenarioJson is null)
        {
            return new RunRequestParse(null, errors);
        }

        var defaultName = file is null ? null : Path.GetFileNameWithoutExtension(file);
        if (overlayJson is not null)
        {
            scenarioJson = ApplyOverlay(scenarioJson, overlayJson, defaultName, prefix, errors);
            if (scenarioJson is null)
            {
                return new RunRequestParse(null, errors);
            }
        }

        var check = engine.Parse(scenarioJson, clock.GetLocalNow().Year, defaultName);
        errors.AddRange(check.Errors.Select(e => e with { Path = prefix + e.Path[Math.Min(1, e.Path.Length)..] }));
        if (check.Scenario is not null
            && Scenarios.HistoryFile.Open(check.Scenario, settings.ScenariosPath, settings.ScenariosPath, prefix).Error is { } historyError)
        {
            errors.Add(historyError);
        }
        if (errors.Count > 0 || check.Scenario is null)
        {
            return new RunRequestParse(null, errors);
        }

        var valid = check.Scenario;
        return new RunRequestParse(new RunRequest
        {
            ScenarioJson = CanonicalJson.ForRun(scenarioJson, valid.Simulation.StartYear, valid.Name),
            ScenarioName = valid.Name,
            ScenarioFile = file,
            Paths = Runs.RunIdentity.EffectivePaths(valid, paths),
            Seed = Runs.RunIdentity.EffectiveSeed(valid, seed),
            StartYear = valid.Simulation.StartYear,
            EngineVersion = EngineInfo.Version,
            SubmittedAt = clock.GetUtcNow(),
        }, []);
    }

    private (string? Json, string? File) ReadNamed(string name, List<ValidationIssue> errors)
    {
        var stem = name.EndsWith(".json", StringComparison.Ordinal) ? name[..^5] : name;
        if (!ScenarioCatalog.IsSafeName(stem))
        {
            errors.Add(new ValidationIssue("$.scenario",
                $"'{name}' is not a scenario name: use the name of a file in scenarios/ (letters, digits, '-', '_'), not a path"));
            return (null, null);
        }

        var path = new ScenarioCatalog(settings.ScenariosDirectory).Find(stem);
        if (path is null)
        {
            errors.Add(new ValidationIssue("$.scenario", $"no scenario named '{stem}' in scenarios/ (GET /api/scenarios lists them)"));
            return (null, null);
        }

        try
        {
            return (ScenarioCatalog.ReadCapped(path), Path.GetFileName(path));
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            errors.Add(new ValidationIssue("$.scenario", e.Message));
            return (null, null);
        }
    }

    /// <summary>
    /// <c>"overlay"</c>: the name of a stress overlay in <c>scenarios/stress/</c>, or an overlay object as in those files
    /// (<c>{"name": ..., "overlay": {...patch...}}</c>). Its text, or null (errors added) when absent or unusable.
    /// </summary>
    private string? ReadOverlay(JsonElement root, List<ValidationIssue> errors)
    {
        if (!root.TryGetProperty("overlay", out var overlay) || overlay.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (overlay.ValueKind == JsonValueKind.Object)
        {
            return overlay.GetRawText();
        }

        var name = overlay.ValueKind == JsonValueKind.String ? overlay.GetString()! : null;
        var stem = name is not null && name.EndsWith(".json", StringComparison.Ordinal) ? name[..^5] : name;
        if (stem is null || !ScenarioCatalog.IsSafeName(stem))
        {
            errors.Add(new ValidationIssue("$.overlay",
                "must be the name of a file in scenarios/stress/ (letters, digits, '-', '_') or an overlay object {\"name\": ..., \"overlay\": {...}}"));
            return null;
        }

        var library = new ScenarioCatalog(settings.ScenariosDirectory).Directory;
        var path = Path.Combine(library, ScenarioCatalog.StressFolderName, stem + ".json");
        if (!File.Exists(path) || !Files.SafeFile.IsInside(library, path)) // after following links: a link out is not in the library
        {
            errors.Add(new ValidationIssue("$.overlay", $"no overlay named '{stem}' in scenarios/stress/ (GET /api/scenarios lists them)"));
            return null;
        }

        try
        {
            return ScenarioCatalog.ReadCapped(path);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            errors.Add(new ValidationIssue("$.overlay", e.Message));
            return null;
        }
    }

    /// <summary>
    /// Merges an overlay into the scenario as <c>run --overlay</c> does (<see cref="Scenarios.ScenarioFile.LoadWithOverlay"/>):
    /// the base must be valid on its own, and the merged scenario is named <c>{scenario}-{overlay}</c> unless the
    /// overlay renames it. Null (errors added) when either part is invalid.
    /// </summary>
    private string? ApplyOverlay(string scenarioJson, string overlayJson, string? defaultName, string prefix, List<ValidationIssue> errors)
    {
        var parsedOverlay = OverlayFile.Parse(overlayJson);
        if (!parsedOverlay.IsValid)
        {
            errors.AddRange(parsedOverlay.Errors.Select(e => e with { Path = "$.overlay" + e.Path[Math.Min(1, e.Path.Length)..] }));
            return null;
        }

        var baseCheck = engine.Parse(scenarioJson, clock.GetLocalNow().Year, defaultName);
        if (!baseCheck.IsValid || baseCheck.Scenario is null)
        {
            errors.AddRange(baseCheck.Errors.Select(e => e with { Path = prefix + e.Path[Math.Min(1, e.Path.Length)..] }));
            return null;
        }

        try
        {
            var named = ScenarioOverlay.Apply(scenarioJson, JsonSerializer.Serialize(new { name = baseCheck.Scenario.Name }));
            return parsedOverlay.Overlay!.ApplyTo(named);
        }
        catch (JsonException e)
        {
            errors.Add(new ValidationIssue("$.overlay", "the overlay could not be applied: " + e.Message));
            return null;
        }
    }

    private static int? ReadPaths(JsonElement root, List<ValidationIssue> errors)
    {
        if (!root.TryGetProperty("paths", out var p) || p.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var value) && value is >= 1 and <= SimulationSettings.MaxPaths)
        {
            return value;
        }

        errors.Add(new ValidationIssue("$.paths", $"must be an integer from 1 to {SimulationSettings.MaxPaths}"));
        return null;
    }

    private static ulong? ReadSeed(JsonElement root, List<ValidationIssue> errors)
    {
        if (!root.TryGetProperty("seed", out var s) || s.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (s.ValueKind == JsonValueKind.Number && s.TryGetUInt64(out var value))
        {
            return value;
        }

        errors.Add(new ValidationIssue("$.seed", "must be an integer from 0 to 18446744073709551615"));
        return null;
    }

    private static int? ParseQueryPaths(string? text, List<ValidationIssue> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value is >= 1 and <= SimulationSettings.MaxPaths)
        {
            return value;
        }

        errors.Add(new ValidationIssue("query.paths", $"must be an integer from 1 to {SimulationSettings.MaxPaths}"));
        return null;
    }

    private static ulong? ParseQuerySeed(string? text, List<ValidationIssue> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (ulong.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(new ValidationIssue("query.seed", "must be an integer from 0 to 18446744073709551615"));
        return null;
    }

    private static RunRequestParse Fail(ValidationIssue issue) => new(null, [issue]);
}
