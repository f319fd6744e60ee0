using System.Globalization;
using System.Text;
using Sim.Engine.Scenarios;
using Sim.Worker.Files;

namespace Sim.Worker.Scenarios;

/// <summary>
/// A scenario read from a file or an inline string: the validated result, the JSON text exactly as given (for the
/// output metadata), and the directory that a <c>returns.history</c> path is relative to.
/// </summary>
/// <param name="Path">The file path as given, "(inline)", or "base + overlay" for an overlaid scenario.</param>
/// <param name="Directory">The scenario file's directory (absolute); null for inline JSON without a base directory.</param>
/// <param name="Json">The document text; for an overlaid scenario, the merged document.</param>
/// <param name="Result">Errors, warnings and, when valid, the typed scenario.</param>
/// <param name="HistoryPath">The absolute path of <c>returns.history</c>, resolved and checked to exist; null when
/// the scenario uses the built-in history.</param>
public sealed record LoadedScenario(string Path, string? Directory, string Json, ScenarioParseResult Result,
    string? HistoryPath)
{
    /// <summary>The typed scenario; null when invalid.</summary>
    public Scenario? Scenario => Result.Scenario;

    /// <summary>True when the scenario has no error.</summary>
    public bool IsValid => Result.IsValid;
}

/// <summary>
/// Loads scenario files with the machine-protecting size cap (spec 11: at most 1 MiB, refused before reading the
/// whole file), strict UTF-8, and the file name as the default scenario name.
/// </summary>
public static class ScenarioFile
{
    /// <summary>1 MiB.</summary>
    public const long MaxBytes = 1L << 20;

    /// <summary>The source name of JSON given inline rather than as a file.</summary>
    public const string InlineSource = "(inline)";

    /// <summary>Loads and validates one scenario file; a missing startYear takes the current local year.</summary>
    public static LoadedScenario Load(string path) => Load(path, DateTime.Now.Year);

    /// <summary>Loads and validates one scenario file. Never throws for a missing, unreadable, oversized or
    /// malformed file: each is an error in the result.</summary>
    /// <param name="path">Scenario file path.</param>
    /// <param name="defaultStartYear">startYear when the file has none (the caller's clock year).</param>
    public static LoadedScenario Load(string path, int defaultStartYear)
    {
        ArgumentNullException.ThrowIfNull(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        var (text, error) = ReadText(path);
        if (text is null)
        {
            return new LoadedScenario(path, directory, "", new ScenarioParseResult(null, [error!], []), null);
        }

        var result = ScenarioJson.Parse(text, defaultStartYear, Path.GetFileNameWithoutExtension(path));
        return Complete(path, directory, text, result);
    }

    /// <summary>Validates an inline document (e.g. an HTTP request body) under the same size cap. A
    /// <c>returns.history</c> path is allowed only with a <paramref name="baseDirectory"/> to resolve it against,
    /// so a request cannot name arbitrary files on the server.</summary>
    public static LoadedScenario LoadInline(string json, int defaultStartYear, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        var bytes = Encoding.UTF8.GetByteCount(json);
        if (bytes > MaxBytes)
        {
            return new LoadedScenario(InlineSource, baseDirectory, "",
                new ScenarioParseResult(null, [TooLarge(bytes)], []), null);
        }

        var directory = baseDirectory is null ? null : Path.GetFullPath(baseDirectory);
        return Complete(InlineSource, directory, json, ScenarioJson.Parse(json, defaultStartYear));
    }

    /// <summary>Loads a base scenario file and a stress overlay file and validates the merged scenario. Both
    /// files must be valid on their own; a history path stays relative to the base file.</summary>
    public static LoadedScenario LoadWithOverlay(string scenarioPath, string overlayPath, int defaultStartYear)
    {
        var baseScenario = Load(scenarioPath, defaultStartYear);
        if (!baseScenario.IsValid)
        {
            return baseScenario;
        }

        var (text, error) = ReadText(overlayPath);
        if (text is null)
        {
            return baseScenario with { Result = new ScenarioParseResult(null, [Prefixed(error!, overlayPath)], []) };
        }

        var overlay = OverlayFile.Parse(text);
        if (!overlay.IsValid)
        {
            return baseScenario with
            {
                Result = new ScenarioParseResult(null, [.. overlay.Errors.Select(e => Prefixed(e, overlayPath))], overlay.Warnings),
            };
        }

        // The base document gets the file-name default before merging, so the composed name is "{file}-{overlay}".
        var baseJson = ScenarioOverlay.Apply(baseScenario.Json,
            $$"""{"name": "{{baseScenario.Scenario!.Name}}"}""");
        var merged = overlay.Overlay!.ApplyTo(baseJson);
        var result = ScenarioJson.Parse(merged, defaultStartYear);
        return Complete($"{scenarioPath} + {overlayPath}", baseScenario.Directory, merged, result);
    }

    /// <summary>Reads a whole text file of at most <see cref="MaxBytes"/> as strict UTF-8 (a BOM is allowed).
    /// The size is checked from the file system first and enforced again while reading.</summary>
    public static (string? Text, ValidationIssue? Error) ReadText(string path)
    {
        var (bytes, error, oversize) = SafeFile.ReadRegular(path, MaxBytes, "the scenario");
        if (bytes is null)
        {
            return (null, oversize is { } size ? TooLarge(size) : new ValidationIssue("$", error!));
        }

        var span = bytes.AsSpan();
        if (span.StartsWith(Encoding.UTF8.Preamble))
        {
            span = span[Encoding.UTF8.Preamble.Length..];
        }

        try
        {
            return (StrictUtf8.GetString(span), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, new ValidationIssue("$", "the file is not valid UTF-8 text"));
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static LoadedScenario Complete(string path, string? directory, string json, ScenarioParseResult result)
    {
        if (!result.IsValid || result.Scenario!.Returns.History is null)
        {
            return new LoadedScenario(path, directory, json, result, null);
        }

        var (history, error) = HistoryFile.Open(result.Scenario, directory, library: null);
        return error is null
            ? new LoadedScenario(path, directory, json, result, history!.Path)
            : new LoadedScenario(path, directory, json, result.WithErrors([error]), null);
    }

    private static ValidationIssue TooLarge(long bytes) => new("$",
        string.Create(CultureInfo.InvariantCulture,
            $"the scenario is {bytes:#,0} bytes; the limit is 1 MiB ({MaxBytes:#,0} bytes)"));

    private static ValidationIssue Prefixed(ValidationIssue issue, string file) =>
        issue with { Message = $"{issue.Message} (in {file})" };
}
