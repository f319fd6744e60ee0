using System.Diagnostics;
using Sim.Worker.Cli;
using static Sim.Tests.Scenarios.ScenarioTestSupport;

namespace Sim.Tests.Scenarios;

/// <summary>The validate verb: OK per good file, every error of a bad one, exit 0 / 1 / 2.</summary>
public sealed class ValidateCommandFacts : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = ValidateCommand.Run(args, output, error, ClockYear);
        return (code, output.ToString().ReplaceLineEndings("\n"), error.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void GoodFile_PrintsOk_AndExitsZero()
    {
        var good = _temp.Write("good.json", MinimalJson);

        var (code, output, error) = Run(good);

        Assert.Equal(0, code);
        Assert.Equal($"OK  {good}\n", output);
        Assert.Empty(error);
    }

    [Fact]
    public void BadFile_PrintsThePathThenEveryErrorIndented_AndExitsOne()
    {
        var good = _temp.Write("good.json", MinimalJson);
        var bad = _temp.Write("bad.json", """
            { "participant": { "birthYear": 1991, "salary": -5, "retirmentAge": 60 },
              "allocation": { "type": "fixed", "weights": { "stocks": 0.6, "bonds": 0.45 } } }
            """);

        var (code, output, _) = Run(good, bad);

        Assert.Equal(1, code);
        Assert.Equal(
            $"OK  {good}\n"
            + $"{bad}\n"
            + "  $.participant.retirmentAge: unknown field; did you mean \"retirementAge\"? allowed: birthYear, retirementAge, endAge, salary, salaryGrowth, yearsOfService, fivePercentOwner, disability, spouse\n"
            + "  $.participant.salary: must be between 0 and 100,000,000,000, got -5\n"
            + "  $.allocation.weights: weights sum to 1.05, must sum to 1\n",
            output);
    }

    [Fact]
    public void Warnings_ArePrintedUnderTheOkLine_AndDoNotFailTheFile()
    {
        var slow = _temp.Write("slow.json", """
            { "participant": { "birthYear": 1991, "salary": 50000 }, "employer": { "vesting": { "type": "cliff", "years": 5 } } }
            """);

        var (code, output, _) = Run(slow);

        Assert.Equal(0, code);
        Assert.StartsWith($"OK  {slow}\n  warning: $.employer.vesting: slower than the law allows", output);
    }

    [Fact]
    public void OverlayFile_IsCheckedAgainstTheReferenceBaseOrTheGivenBase()
    {
        var overlay = _temp.Write("fat.json", """{ "name": "fat", "overlay": { "returns": { "model": "studentT", "degreesOfFreedom": 4 } } }""");
        var baseFile = _temp.Write("base.json", MinimalJson);

        var (code, output, _) = Run(overlay);
        Assert.Equal(0, code);
        Assert.Equal($"OK  {overlay}  (overlay, applied to the reference base)\n", output);

        (code, output, _) = Run("--base", baseFile, overlay);
        Assert.Equal(0, code);
        Assert.Equal($"OK  {overlay}  (overlay, applied to {baseFile})\n", output);
    }

    [Fact]
    public void NoFiles_IsAUsageError_ExitTwo()
    {
        var (code, output, error) = Run();

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal("error: no files given\nusage: validate [options] FILE...   (see validate --help)\n", error);
    }

    [Fact]
    public void MissingFile_IsInvalidInput_ExitOne_ReportedLikeAnInvalidFile()
    {
        var good = _temp.Write("good.json", MinimalJson);
        var missing = Path.Combine(_temp.Path, "missing.json");

        var (code, output, error) = Run(good, missing);

        Assert.Equal(1, code);
        Assert.Equal($"OK  {good}\n{missing}\n  $: file not found: {missing}\n", output);
        Assert.Empty(error);
    }

    [Fact]
    public void Help_ListsEveryOption_AndExitsZero()
    {
        var (code, output, error) = Run("--help");

        Assert.Equal(0, code);
        Assert.Contains("--base <SCENARIO.json>", output, StringComparison.Ordinal);
        Assert.Contains("the scenario an overlay file is applied to", output, StringComparison.Ordinal);
        Assert.Empty(error);
    }

    [Fact]
    public void UnknownOption_IsAUsageError()
    {
        var (code, _, error) = Run("--strict", "x.json");

        Assert.Equal(2, code);
        Assert.StartsWith("error: unknown option '--strict'", error);
    }

    [Fact]
    public void BuiltWorker_ExitCodesThroughTheRealCommandLine()
    {
        var good = _temp.Write("good.json", MinimalJson);
        var bad = _temp.Write("bad.json", """{ "participant": { "birthYear": 1991, "salary": -5 } }""");
        var worker = Path.Combine(AppContext.BaseDirectory, "Sim.Worker.dll");

        Assert.Equal((0, $"OK  {good}"), RunProcess(worker, "validate", good));
        Assert.Equal((1, $"{bad}\n  $.participant.salary: must be between 0 and 100,000,000,000, got -5"), RunProcess(worker, "validate", bad));
        Assert.Equal(2, RunProcess(worker, "validate").Code);
    }

    private static (int Code, string Out) RunProcess(string worker, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(worker);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        _ = stderr.Result;
        return (process.ExitCode, stdout.Result.ReplaceLineEndings("\n").TrimEnd());
    }
}
