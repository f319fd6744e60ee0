using Sim.Tests.Scenarios;
using Sim.Worker.Cli;
using Sim.Worker.Output;
using Sim.Worker.Runs;

namespace Sim.Tests.Output;

/// <summary>The one format of money and probabilities (CLI, pages, stress, status, drift).</summary>
public sealed class UnitsFacts
{
    [Theory]
    [InlineData(0.8733, "87.3%")]
    [InlineData(0.85655, "85.7%")]
    [InlineData(0.9994, "99.9%")]
    [InlineData(0.99949, "99.9%")]
    [InlineData(0.9995, "> 99.9%")]        // would round to 100.0% although 1 path in 2,000 failed
    [InlineData(0.99979667, "> 99.9%")]    // 122 failed paths of 600,000 (the case)
    [InlineData(1.0, "100.0%")]
    [InlineData(0.0, "0.0%")]
    [InlineData(0.0004, "< 0.1%")]         // would round to 0.0% although some paths succeeded
    [InlineData(0.0005, "0.1%")]
    public void Percent_HasOneDecimal_AndNeverRoundsTo100Or0WhileTheOtherOutcomeExists(double share, string expected) =>
        Assert.Equal(expected, Units.Percent(share));

    [Theory]
    [InlineData(221_889.4, "$221,889")]
    [InlineData(221_889.5, "$221,890")]
    [InlineData(0.4, "$0")]
    [InlineData(-0.4, "$0")]
    [InlineData(-1_200, "-$1,200")]
    [InlineData(1_462_234.7, "$1,462,235")]
    public void Money_IsWholeDollarsWithSeparators(double value, string expected) => Assert.Equal(expected, Units.Money(value));

    [Fact]
    public void Money_NamesItsBasis_WhenAsked()
    {
        Assert.Equal("$993,841 nominal dollars", Units.Money(993_841, DollarBasis.Nominal));
        Assert.Equal("$221,889 today's dollars", Units.Money(221_889, DollarBasis.Today));
    }

    [Theory]
    [InlineData("rmdOnly", true)]
    [InlineData("percentOfBalance", true)]
    [InlineData("fixedReal", false)]
    [InlineData("guardrails", false)]
    public void OnlyRmdOnlyAndPercentOfBalance_CannotFail(string strategy, bool cannotFail)
    {
        Assert.Equal(cannotFail, Units.CannotFail(strategy));
        Assert.Equal(cannotFail, Units.Success(1.0, strategy).StartsWith("cannot run out", StringComparison.Ordinal));
    }

    [Fact]
    public void Changes_AreSignedWithOneDecimal()
    {
        Assert.Equal("-1.5 points", Units.PointChange(-0.015));
        Assert.Equal("+0.7 points", Units.PointChange(0.007));
        Assert.Equal("+3.1%", Units.RelativeChange(0.031));
    }

    [Fact]
    public void PeakAge_IsTheFirstAgeOfTheLargestValue() =>
        Assert.Equal(61, PlainWords.PeakAge([60, 61, 62, 63], [1.0, 3.0, 3.0, 2.0]));

    [Fact]
    public async Task TheRunSummary_OfAStrategyThatCannotFail_SaysSo_AndHasNoFailureAge()
    {
        using var temp = new TempFolder();
        var loaded = Sim.Worker.Scenarios.ScenarioFile.LoadInline("""
            { "name": "rmd", "simulation": { "paths": 50, "startYear": 2026 },
              "participant": { "birthYear": 1955, "retirementAge": 65, "salary": 0 },
              "account": { "pretaxBalance": 500000 }, "withdrawals": { "strategy": "rmdOnly" } }
            """, 2026);
        Assert.True(loaded.IsValid, string.Join("; ", loaded.Result.Errors));

        var outcome = await ScenarioRunner.RunAsync(loaded.Scenario!, loaded.Json, null, new RunOverrides(), temp.Path, null, CancellationToken.None);
        var lines = RunCommand.Summary(outcome);

        Assert.Contains(lines, l => l.StartsWith("  success ", StringComparison.Ordinal)
                                    && l.EndsWith("cannot run out: rmdOnly withdraws only the required minimum, a share of the balance", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("failure age", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("100.0%", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  net income at 73, today's dollars ", StringComparison.Ordinal)); // born 1955: first RMD at 73 (SECURE 2.0), not at 71
    }
}
