using Sim.Engine.Scenarios;
using Sim.Engine.Simulation;
using Sim.Tests.Scenarios;

namespace Sim.Tests.Simulation;

/// <summary>The shipped 2008 overlay on a client already retired at startYear (issue 9, F1).</summary>
public class MilestonesFacts
{
    private const string RetiredClient = """
        {
          "simulation": { "paths": 300, "seed": 5, "startYear": 2026 },
          "participant": { "birthYear": 1956, "retirementAge": 65, "endAge": 95 },
          "account": { "pretaxBalance": 800000 },
          "withdrawals": { "strategy": "fixedReal", "initialRate": 0.045 }
        }
        """;

    private static string Overlay2008 => File.ReadAllText(Path.Combine(ScenarioTestSupport.RepositoryRoot(), "scenarios",
        "stress", "2008-first-retirement-year.json"));

    [Fact]
    public void StressOverlay2008_HitsTheFirstSimulatedYear_OfAClientAlreadyRetired()
    {
        var calm = ScenarioTestSupport.Valid(RetiredClient);
        var stressed = OverlayFile.Validate(Overlay2008, RetiredClient, ScenarioTestSupport.ClockYear);
        Assert.True(stressed.IsValid, string.Join("; ", stressed.Errors));

        // Same seed, same draws: only the pinned first year differs. Stocks -36.6%, bonds +20.1%, cash +1.4%,
        // REITs -37.7%, weighted by the age-in-bonds mix at 70 (30% stocks, 70% bonds).
        var a = SimulationEngine.Run(calm, new SimulationOptions());
        var b = SimulationEngine.Run(stressed.Scenario!, new SimulationOptions());
        Assert.NotEqual(a.Percentile(Metric.Balance, 0, 3), b.Percentile(Metric.Balance, 0, 3));

        // Every path had the same return in 2026: the opening 800,000 less the 4.5% withdrawal, grown by the pinned
        // mix (0.3·−0.365523 + 0.7·0.201013) and net of the 0.49% fee, is the same on every path.
        double pre = 800_000 - 0.045 * 800_000;
        double g = 1 + (0.3 * -0.365523 + 0.7 * 0.201013);
        double expected = pre * g - pre * g * 0.0049;
        for (int j = 0; j < b.Levels.Count; j++)
        {
            Assert.Equal(expected, b.Percentile(Metric.Balance, 0, j), 6);
        }
    }

    [Fact]
    public void YearsAfterRetirement_ForAClientAlreadyRetired_ValidatesWithAWarningNamingTheYear()
    {
        var r = OverlayFile.Validate(Overlay2008, RetiredClient, ScenarioTestSupport.ClockYear);
        var w = Assert.Single(r.Warnings, w => w.Path.Contains("shocks[0]", StringComparison.Ordinal));
        Assert.Contains("counts from startYear, so 0 is 2026", w.Message, StringComparison.Ordinal);
    }
}
