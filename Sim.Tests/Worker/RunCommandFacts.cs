using System.Diagnostics;
using Sim.Tests.Scenarios;

namespace Sim.Tests.Worker;

/// <summary>The run verb as a user types it: the built Sim.Worker as a separate process.</summary>
public sealed class RunCommandFacts
{
    private static (int Exit, string Out, string Err) Worker(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Sim.Worker.dll"));
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(120_000), "the worker did not finish in two minutes");
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void Run_WithIncome_PrintsTheFirstFullYearsIncomeInTodaysDollars_AndNotWithout()
    {
        using var temp = new TempFolder();
        var (exit, stdout, stderr) = Worker(ScenarioTestSupport.RepositoryRoot(), "run",
            "scenarios/social-security-claim-70.json", "scenarios/baseline.json", "--paths", "200", "--out", temp.Path);
        Assert.True(exit == 0, stderr);
        // 2,800 · 1.24 · 12 from the year of 71 (claimed in July of the year of 70).
        var line = Assert.Single(stdout.Split('\n'), l => l.Contains("(first full year)", StringComparison.Ordinal));
        Assert.Matches(@"^  income at 71 \(first full year\), today's dollars +\$41,664 a year\r?$", line);
    }

    [Fact]
    public void Run_WritesTheThreeParquetFiles_AndPrintsTheSummary()
    {
        using var temp = new TempFolder();
        var (exit, stdout, stderr) = Worker(ScenarioTestSupport.RepositoryRoot(), "run", "scenarios/baseline.json",
            "--paths", "300", "--out", temp.Path);
        Assert.True(exit == 0, stderr);
        Assert.Contains("success (never ran out)", stdout);
        Assert.Contains("balance at the end, today's dollars", stdout);
        Assert.Contains("net income at 65, today's dollars", stdout);
        Assert.Contains("median balance peaks, nominal dollars", stdout);
        Assert.Contains("median failure age (failed paths only)", stdout);
        Assert.DoesNotContain("exp(", stdout); // the technical note stays in the Parquet metadata
        var rows = stdout.ReplaceLineEndings("\n").Split('\n').Skip(1).Where(l => l.Length > 0).ToList();
        static int ValueStart(string row)
        {
            var i = row.IndexOf("  ", 2, StringComparison.Ordinal);
            while (i >= 0 && i < row.Length && row[i] == ' ')
            {
                i++;
            }

            return i;
        }

        Assert.True(rows.Count >= 7, stdout);
        Assert.Single(rows.Select(ValueStart).Distinct()); // aligned: every value starts in one column
        foreach (string f in new[] { "percentiles.parquet", "yearly.parquet", "summary.parquet" })
        {
            Assert.True(File.Exists(Path.Combine(temp.Path, "baseline", f)), f);
        }
    }

    [Fact]
    public void InvalidScenario_FailsBeforeAnyOutput_AndLeavesExistingOutputUntouched()
    {
        using var temp = new TempFolder();
        string existing = Path.Combine(temp.Path, "out", "bad", "percentiles.parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(existing)!);
        File.WriteAllText(existing, "previous results");
        string bad = temp.Write("bad.json", """
            { "name": "bad", "participant": { "birthYear": 1990, "retirementAge": 65, "salary": -5, "retirmentAge": 1 } }
            """);
        string good = Path.Combine(ScenarioTestSupport.RepositoryRoot(), "scenarios", "baseline.json");

        var (exit, stdout, stderr) = Worker(temp.Path, "run", good, bad, "--paths", "100");

        Assert.Equal(1, exit);
        Assert.Contains("$.participant.salary", stderr);
        Assert.Contains("$.participant.retirmentAge", stderr);
        Assert.DoesNotContain("   at ", stderr); // no stack trace for a user mistake
        Assert.Equal("previous results", File.ReadAllText(existing));
        Assert.False(Directory.Exists(Path.Combine(temp.Path, "out", "baseline")), "the valid file must not run either");
        Assert.Equal("", stdout);
    }

    [Fact]
    public void RunId_DoesNotDependOnFormatting_AndEqualsTheApisId()
    {
        using var temp = new TempFolder();
        string original = File.ReadAllText(Path.Combine(ScenarioTestSupport.RepositoryRoot(), "scenarios", "baseline.json"));
        string reformatted = temp.Write("baseline.json", "// reformatted\n" + original.Replace("\n", "\n\n  "));
        var (exit1, out1, _) = Worker(ScenarioTestSupport.RepositoryRoot(), "run", "scenarios/baseline.json", "--paths", "50", "--out", Path.Combine(temp.Path, "a"));
        var (exit2, out2, _) = Worker(temp.Path, "run", reformatted, "--paths", "50", "--out", Path.Combine(temp.Path, "b"));
        Assert.Equal(0, exit1);
        Assert.Equal(0, exit2);
        string Id(string stdout) => stdout[(stdout.IndexOf("(run ", StringComparison.Ordinal) + 5)..][..16];
        Assert.Equal(Id(out1), Id(out2));
        var loaded = Sim.Worker.Scenarios.ScenarioFile.Load(reformatted, 2026);
        string canonical = Sim.Worker.Jobs.CanonicalJson.ForRun(loaded.Json, 2026, "baseline");
        Assert.Equal(Sim.Worker.Jobs.RunIds.Compute(canonical, 50, 1), Id(out1));
    }

    [Fact]
    public void UnknownOption_IsAUsageError_WithoutStackTrace()
    {
        var (exit, _, stderr) = Worker(ScenarioTestSupport.RepositoryRoot(), "run", "scenarios/baseline.json", "--pathz", "5");
        Assert.Equal(2, exit);
        Assert.Contains("unknown option '--pathz'", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }
}
