using System.CommandLine;
using Sim.Engine.Scenarios;
using Sim.Worker.Scenarios;

namespace Sim.Worker.Cli;

/// <summary>
/// <c>validate [--base SCENARIO] FILE...</c>: checks scenario files and stress overlays. Prints <c>OK  path</c>
/// for a valid file (then its warnings), or the path followed by every error, indented. A file with a top-level
/// <c>overlay</c> key is an overlay: its shape is checked and it is applied to the base (the reference base when
/// <c>--base</c> is not given) and the merged scenario validated. Exit code 0 when every file is valid, 1 when any
/// is not (a missing file is reported like an invalid one, in the words <c>run</c> and <c>enqueue</c> use), 2 for
/// a usage error (no files, an unknown option).
/// </summary>
public static class ValidateCommand
{
    /// <summary>The verb on the console, with the clock's year.</summary>
    public static Command Create() => Create(null, null, null);

    /// <summary>The verb with its writers and clock year passed in (for tests); null means the console / clock.</summary>
    internal static Command Create(TextWriter? output, TextWriter? error, int? currentYear)
    {
        var baseOption = Options.Text("--base", "SCENARIO.json",
            "the scenario an overlay file is applied to (default: the reference base scenario)");
        var files = Options.Files("FILE", "scenario files and stress overlays to check");
        var command = new Command("validate",
            "Check scenario files and stress overlays: prints OK or every error with its JSON path. " +
            "Exit code 0 when every file is valid, 1 when any is not (or is missing), 2 for a usage error.")
        {
            baseOption,
            files,
        };
        command.SetAction(parse => Check(parse.GetValue(files) ?? [], parse.GetValue(baseOption),
            output ?? Console.Out, error ?? Console.Error, currentYear ?? DateTime.Now.Year));
        return command;
    }

    /// <summary>The command with its writers and clock year passed in (for tests).</summary>
    internal static int Run(string[] args, TextWriter output, TextWriter error, int currentYear) =>
        CommandLine.InvokeAsync(CommandLine.Root([Create(output, error, currentYear)]), ["validate", .. args], output, error)
            .GetAwaiter().GetResult();

    private static int Check(string[] files, string? basePath, TextWriter output, TextWriter error, int currentYear)
    {
        if (files.Length == 0)
        {
            throw new UsageException("no files given");
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
                return CommandLine.ExitInvalidInput;
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
}
