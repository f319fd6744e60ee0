using System.Text;
using Sim.Engine.Returns;
using Sim.Engine.Scenarios;
using Sim.Worker.Files;

namespace Sim.Worker.Scenarios;

/// <summary>
/// The one owner of <c>returns.history</c>: where the path points (relative to the scenario's folder; over HTTP,
/// confined to the scenario library after following links), how the file is read (a regular file of at most
/// <see cref="MaxBytes"/>, UTF-8 text without NUL bytes), and whether it can drive the scenario (the historical
/// model needs at least as many years as the horizon). <c>validate</c>, <c>run</c>, the API and the jobs all call
/// <see cref="Open"/>, so a history that passes validation is one that runs. Errors never quote the file's
/// content: a path that leads somewhere unexpected must not turn into a way of reading files.
/// </summary>
public static class HistoryFile
{
    /// <summary>Largest history CSV read: 1 MiB (a century of years is about 5 KB).</summary>
    public const long MaxBytes = 1L << 20;

    /// <summary>The JSON path of the field.</summary>
    public const string FieldPath = "$.returns.history";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>A history resolved, read and checked against its scenario.</summary>
    /// <param name="Path">Absolute path of the file.</param>
    /// <param name="History">The parsed history.</param>
    public sealed record Opened(string Path, MarketHistory History);

    /// <summary>
    /// Resolves, reads and checks the history of <paramref name="scenario"/>: null when it uses the built-in one.
    /// <paramref name="baseDirectory"/> is what a relative path is relative to; with <paramref name="library"/>
    /// (the server's scenario library) the path must be relative, without '..', and stay inside the library
    /// after following links. Failures are one <see cref="ValidationIssue"/> at <paramref name="prefix"/>.returns.history.
    /// </summary>
    public static (Opened? History, ValidationIssue? Error) Open(Scenario scenario, string? baseDirectory, string? library,
        string prefix = "$")
    {
        if (scenario.Returns.History is not { } history)
        {
            return (null, null);
        }

        var path = prefix + FieldPath[1..];
        if (baseDirectory is null)
        {
            return (null, new ValidationIssue(path,
                "a history CSV path is only allowed in a scenario file (it is relative to the file); inline scenarios use the built-in history"));
        }

        string resolved;
        if (library is not null)
        {
            var root = System.IO.Path.GetFullPath(library);
            resolved = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, history));
            if (System.IO.Path.IsPathRooted(history) || history.Split('/', '\\').Contains("..") || !SafeFile.IsInside(root, resolved)
                || SafeFile.RealPath(resolved) == SafeFile.RealPath(root))
            {
                return (null, new ValidationIssue(path,
                    "must be a file inside the scenario library, relative to it, without '..' and not through a link that leaves it (absolute paths are not accepted over HTTP)"));
            }
        }
        else
        {
            resolved = System.IO.Path.GetFullPath(history, baseDirectory);
        }

        var (loaded, error) = Load(resolved);
        if (loaded is null)
        {
            return (null, new ValidationIssue(path, error!));
        }

        return Fits(scenario, loaded) is { } misfit
            ? (null, new ValidationIssue(path, misfit))
            : (new Opened(resolved, loaded), null);
    }

    /// <summary>Reads and parses the CSV at <paramref name="path"/> (absolute): the history, or why it cannot be one.</summary>
    public static (MarketHistory? History, string? Error) Load(string path)
    {
        var (bytes, error, _) = SafeFile.ReadRegular(path, MaxBytes, "the history");
        if (bytes is null)
        {
            return (null, error);
        }

        if (Array.IndexOf(bytes, (byte)0) >= 0)
        {
            return (null, $"{path} holds a NUL byte: a history is a UTF-8 text CSV (year,stocks,bonds,cash,inflation[,reits])");
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? bytes.AsSpan(3) : bytes);
        }
        catch (DecoderFallbackException)
        {
            return (null, $"{path} is not valid UTF-8 text");
        }

        return MarketHistory.TryParseCsv(text, System.IO.Path.GetFileName(path), out var history, out var message)
            ? (history, null)
            : (null, message);
    }

    /// <summary>Null when <paramref name="history"/> can drive <paramref name="scenario"/>'s return model; otherwise why not.</summary>
    public static string? Fits(Scenario scenario, MarketHistory history)
    {
        if (scenario.Returns.Model is not (ReturnModelKind.Bootstrap or ReturnModelKind.Historical))
        {
            return null;
        }

        try
        {
            _ = ReturnGenerators.Create(scenario, history);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }
}
