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
    public void Run_WritesTheThreeParquetFiles_AndPrintsTheSummary()
    {
        using var temp = new TempFolder();
        var (exit, stdout, stderr) = Worker(ScenarioTestSupport.RepositoryRoot(), "run", "scenarios/baseline.json",
            "--paths", "300", "--out", temp.Path);
        Assert.True(exit == 0, stderr);
        Assert.Contains("success probability", stdout);
        Assert.Contains("p50", stdout);
        Assert.Contains("peaks at age", stdout);
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
    public void UnknownOption_IsAUsageError_WithoutStackTrace()
    {
        var (exit, _, stderr) = Worker(ScenarioTestSupport.RepositoryRoot(), "run", "scenarios/baseline.json", "--pathz", "5");
        Assert.Equal(2, exit);
        Assert.Contains("unknown option '--pathz'", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }
}
