using Sim.Engine.Scenarios;
using Sim.Worker.Scenarios;

namespace Sim.Worker.Cli;

/// <summary>
/// <c>validate [--base SCENARIO] FILE...</c>: checks scenario files and stress overlays. Prints <c>OK  path</c>
/// for a valid file (then its warnings), or the path followed by every error, indented. A file with a top-level
/// <c>overlay</c> key is an overlay: its shape is checked and it is applied to the base (the reference base when
/// <c>--base</c> is not given) and the merged scenario validated. Exit code 0 when every file is valid, 1 when any
/// is not, 2 for a usage error (no files, a missing file, an invalid base).
/// </summary>
public static class ValidateCommand
{
    private const string Usage = "usage: validate [--base SCENARIO.json] FILE...";

    public static Task<int> RunAsync(string[] args) =>
        Task.FromResult(Run(args, Console.Out, Console.Error, DateTime.Now.Year));

    /// <summary>The command with its writers and clock year passed in (for tests).</summary>
    internal static int Run(string[] args, TextWriter output, TextWriter error, int currentYear)
    {
        string? basePath = null;
        var files = new List<string>();
        var optionsDone = false;
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (!optionsDone && a == "--")
            {
                optionsDone = true;
            }
            else if (!optionsDone && a is "-h" or "--help")
            {
                output.WriteLine(Usage);
                output.WriteLine("Checks scenario files (and stress overlays) and lists every error with its JSON path.");
                return CommandLine.ExitOk;
            }
            else if (!optionsDone && a == "--base")
            {
                if (i + 1 >= args.Length)
                {
                    return UsageError(error, "--base needs a scenario file");
                }

                basePath = args[++i];
            }
            else if (!optionsDone && a.StartsWith("--", StringComparison.Ordinal))
            {
                return UsageError(error, $"unknown option '{a}'");
            }
            else
            {
                files.Add(a);
            }
        }

        if (files.Count == 0)
        {
            return UsageError(error, "no files given");
        }

        var missing = files.Concat(basePath is null ? [] : [basePath]).Where(f => !File.Exists(f)).ToList();
        if (missing.Count > 0)
        {
            return UsageError(error, string.Join("; ", missing.Select(f => $"file not found: {f}")));
        }

        var baseJson = OverlayFile.ReferenceBaseJson;
        var baseLabel = "the reference base";
        if (basePath is not null)
        {
            var loaded = ScenarioFile.Load(basePath, currentYear);
            if (!loaded.IsValid)
            {
                error.WriteLine($"error: the --base scenario {basePath} is not valid:");
                WriteIssues(error, loaded.Result.Errors, "");
                return CommandLine.ExitUsage;
            }

            baseJson = loaded.Json;
            baseLabel = basePath;
        }

        var allValid = true;
        foreach (var file in files)
        {
            var (result, note) = Check(file, baseJson, baseLabel, currentYear);
            allValid &= result.IsValid;
            output.WriteLine(result.IsValid ? $"OK  {file}{note}" : $"{file}{note}");
            WriteIssues(output, result.Errors, "");
            WriteIssues(output, result.Warnings, "warning: ");
        }

        return allValid ? CommandLine.ExitOk : CommandLine.ExitInvalidInput;
    }

    private static (ScenarioParseResult Result, string Note) Check(string file, string baseJson, string baseLabel,
        int currentYear)
    {
        var (text, readError) = ScenarioFile.ReadText(file);
        if (text is null)
        {
            return (new ScenarioParseResult(null, [readError!], []), "");
        }

        return OverlayFile.IsOverlay(text)
            ? (OverlayFile.Validate(text, baseJson, currentYear), $"  (overlay, applied to {baseLabel})")
            : (ScenarioFile.Load(file, currentYear).Result, "");
    }

    private static void WriteIssues(TextWriter w, IEnumerable<ValidationIssue> issues, string prefix)
    {
        foreach (var issue in issues)
        {
            w.WriteLine($"  {prefix}{issue}");
        }
    }

    private static int UsageError(TextWriter error, string message)
    {
        error.WriteLine($"error: {message}");
        error.WriteLine(Usage);
        return CommandLine.ExitUsage;
    }
}
