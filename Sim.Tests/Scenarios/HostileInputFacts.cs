using System.Diagnostics;
using Sim.Engine.Scenarios;
using Sim.Engine.Simulation;
using Sim.Worker.Files;
using Sim.Worker.Scenarios;
using static Sim.Tests.Scenarios.ScenarioTestSupport;

namespace Sim.Tests.Scenarios;

/// <summary>Issue 13, items 9-10: histories and scenario paths that are not what they claim, and money beyond the model.</summary>
public sealed class HostileInputFacts : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string WithHistory(string history, string model) => $$"""
        { "participant": { "birthYear": 1991, "salary": 85000, "retirementAge": 65 }, "account": { "pretaxBalance": 60000 },
          "simulation": { "startYear": 2026, "paths": 50 }, "returns": { "model": "{{model}}", "history": "{{history}}" } }
        """;

    private static string Csv(int years, bool quoted = false)
    {
        var rows = Enumerable.Range(1950, years).Select(y => quoted
            ? $"\"{y}\",\"0.08\",\"0.04\",\"0.02\",\"0.03\""
            : $"{y},0.08,0.04,0.02,0.03");
        return "year,stocks,bonds,cash,inflation\n" + string.Join("\n", rows) + "\n";
    }

    [Fact]
    public void AHistoryTooShortForTheHorizon_FailsValidation_NotTheRun()
    {
        // The horizon is 2026 until age 95 (1991 + 95 = 2086): 61 years; a 10-year history cannot drive the historical model.
        _temp.Write("short.csv", Csv(10));
        var loaded = ScenarioFile.Load(_temp.Write("s.json", WithHistory("short.csv", "historical")), ClockYear);

        var error = Assert.Single(loaded.Result.Errors);
        Assert.Equal("$.returns.history", error.Path);
        Assert.Contains("longer than the history", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QuotedNumbers_AsSpreadsheetsWriteThem_AreAccepted()
    {
        _temp.Write("quoted.csv", Csv(100, quoted: true));
        var loaded = ScenarioFile.Load(_temp.Write("s.json", WithHistory("quoted.csv", "historical")), ClockYear);

        Assert.True(loaded.IsValid, string.Join("; ", loaded.Result.Errors));
        Assert.EndsWith("quoted.csv", loaded.HistoryPath, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("/dev/urandom")]
    [InlineData("FIFO")]
    [InlineData("NUL")]
    public void AHistoryThatIsADeviceAFifoOrHoldsANul_IsOneErrorAtItsPath(string history)
    {
        if (history == "FIFO")
        {
            history = MakeFifo("h.fifo");
        }
        else if (history == "NUL")
        {
            File.WriteAllBytes(Path.Combine(_temp.Path, "nul.csv"), [.. System.Text.Encoding.UTF8.GetBytes(Csv(5)), 0]);
            history = "nul.csv";
        }

        var loaded = ScenarioFile.Load(_temp.Write("s.json", WithHistory(history, "bootstrap")), ClockYear);

        Assert.Equal("$.returns.history", Assert.Single(loaded.Result.Errors).Path);
    }

    [Fact]
    public void AScenarioPathThatIsAFifo_IsAnError_WithoutWaitingForAWriter()
    {
        var fifo = MakeFifo("s.fifo");

        var loaded = ScenarioFile.Load(fifo, ClockYear); // opening a FIFO would block here until a writer came

        Assert.Contains("not a regular file", Assert.Single(loaded.Result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RealPath_FollowsEveryLink_SoALinkOutOfAFolderIsOutside()
    {
        var inside = Directory.CreateDirectory(Path.Combine(_temp.Path, "lib")).FullName;
        var secret = _temp.Write("secret.csv", "x");
        File.CreateSymbolicLink(Path.Combine(inside, "a.csv"), secret);
        Directory.CreateSymbolicLink(Path.Combine(inside, "up"), _temp.Path);

        Assert.False(SafeFile.IsInside(inside, Path.Combine(inside, "a.csv")));
        Assert.False(SafeFile.IsInside(inside, Path.Combine(inside, "up", "secret.csv")));
        Assert.True(SafeFile.IsInside(inside, Path.Combine(inside, "missing.csv")));
        Assert.Equal(secret, SafeFile.RealPath(Path.Combine(inside, "up", "lib", "a.csv")));
    }

    [Theory]
    [InlineData("\"account\": { \"pretaxBalance\": 1e308 }", "$.account.pretaxBalance")]
    [InlineData("\"account\": { \"pretaxBalance\": 60000, \"rothBalance\": 1e12 }", "$.account.rothBalance")]
    [InlineData("\"taxes\": { \"otherIncome\": 1e308 }", "$.taxes.otherIncome")]
    [InlineData("\"loans\": [ { \"age\": 40, \"amount\": 1e300 } ]", "$.loans[0].amount")]
    public void MoneyBeyondOneHundredBillion_IsAValidationError_AtItsPath(string section, string path)
    {
        var result = Parse($$"""
            { "participant": { "birthYear": 1991, "salary": 85000, "retirementAge": 65 }, {{section}} }
            """);

        var error = Assert.Single(result.Errors, e => e.Path == path);
        Assert.Contains("100,000,000,000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MoneyOfExactlyOneHundredBillion_IsAccepted()
    {
        var result = Parse("""
            { "participant": { "birthYear": 1991, "salary": 1e11, "retirementAge": 65 }, "account": { "pretaxBalance": 1e11 } }
            """);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    private string MakeFifo(string name)
    {
        var path = Path.Combine(_temp.Path, name);
        using var mkfifo = Process.Start("mkfifo", [path])!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }
}

/// <summary>Issue 13, item 11: inflation at the largest allowed deviation keeps the price index positive.</summary>
public sealed class InflationFloorFacts
{
    [Fact]
    public void AtTheLargestInflationDeviation_NoRealBalanceIsNegative()
    {
        var parsed = ScenarioJson.Parse("""
            { "participant": { "birthYear": 1991, "salary": 85000, "retirementAge": 65 }, "account": { "pretaxBalance": 60000 },
              "simulation": { "startYear": 2026, "paths": 2000, "seed": 11, "percentiles": [1, 10, 50] },
              "returns": { "inflation": { "mean": 0.025, "stdev": 0.5 } } }
            """, ClockYear);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        var scenario = parsed.Scenario!;

        var result = SimulationEngine.Run(scenario, new SimulationOptions { Paths = 2000, Seed = 11 });

        // With a normal draw, about 2% of path-years had inflation at or below -100% and the minimum real terminal
        // balance was negative; the floor keeps 1 + inflation >= 0.01.
        for (int y = 0; y < result.Years.Length; y++)
        {
            Assert.True(result.Percentile(Metric.BalanceReal, y, 0) >= 0, $"year {result.Years[y]}: {result.Percentile(Metric.BalanceReal, y, 0)}");
            Assert.True(double.IsFinite(result.Percentile(Metric.BalanceReal, y, 0)));
        }
    }
}
