using Sim.Engine.Simulation;
using Sim.Tests.Scenarios;
using Sim.Worker.Scenarios;

namespace Sim.Tests.Simulation;

/// <summary>Every shipped scenario, and every stress overlay on the baseline, runs and gives sane numbers.</summary>
public class ShippedScenarioRunFacts
{
    private static string Root => ScenarioTestSupport.RepositoryRoot();

    public static IEnumerable<object[]> Scenarios() =>
        Directory.GetFiles(Path.Combine(Root, "scenarios"), "*.json").Order(StringComparer.Ordinal)
            .Select(f => new object[] { Path.GetFileName(f) });

    public static IEnumerable<object[]> Overlays() =>
        Directory.GetFiles(Path.Combine(Root, "scenarios", "stress"), "*.json").Order(StringComparer.Ordinal)
            .Select(f => new object[] { Path.GetFileName(f) });

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void ShippedScenario_Runs_AndItsNumbersAreSane(string file)
    {
        var loaded = ScenarioFile.Load(Path.Combine(Root, "scenarios", file));
        Assert.True(loaded.Result.IsValid, string.Join("; ", loaded.Result.Errors));
        var r = SimulationEngine.Run(loaded.Result.Scenario!, new SimulationOptions { Paths = 400 });
        AssertSane(r);
    }

    [Fact]
    public void RolloverAt56_PaysPenaltiesAt56To59_ThatStayingInThePlanDoesNot()
    {
        var rollover = ScenarioFile.Load(Path.Combine(Root, "scenarios", "rollover-at-56.json")).Result.Scenario!;
        var stay = rollover with { Separation = new Sim.Engine.Scenarios.Separation() };
        var options = new SimulationOptions { Paths = 400 };
        var r = SimulationEngine.Run(rollover, options);
        var s = SimulationEngine.Run(stay, options);

        for (int t = 0; t < r.Years.Length; t++)
        {
            int age = r.Ages[t];
            double median = r.Percentile(Metric.Penalties, t, 3);
            Assert.Equal(0, s.Percentile(Metric.Penalties, t, 3));
            if (age is >= 56 and < 60)
            {
                // 10 % of a 4 % withdrawal of a balance of several hundred thousand dollars.
                Assert.InRange(median, 1_000, 10_000);
            }
            else
            {
                Assert.Equal(0, median);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void StressOverlay_OnBaseline_Runs_AndDoesNotImproveTheOdds(string overlay)
    {
        var baseline = ScenarioFile.Load(Path.Combine(Root, "scenarios", "baseline.json"));
        var stressed = ScenarioFile.LoadWithOverlay(Path.Combine(Root, "scenarios", "baseline.json"),
            Path.Combine(Root, "scenarios", "stress", overlay), 2026);
        Assert.True(stressed.Result.IsValid, string.Join("; ", stressed.Result.Errors));
        var options = new SimulationOptions { Paths = 2000 };
        var calm = SimulationEngine.Run(baseline.Result.Scenario!, options);
        var bad = SimulationEngine.Run(stressed.Result.Scenario!, options);
        AssertSane(bad);
        // A stress overlay is a bad market: success may not rise beyond Monte Carlo noise (3 standard errors).
        double p = calm.Summary.SuccessProbability;
        double se = Math.Sqrt(Math.Max(p * (1 - p), 1e-4) / options.Paths!.Value);
        Assert.True(bad.Summary.SuccessProbability <= p + 3 * se,
            $"{overlay}: success {bad.Summary.SuccessProbability:P1} vs baseline {p:P1}");
    }

    private static void AssertSane(SimulationResult r)
    {
        Assert.All(r.Percentiles.Cast<double>(), v => Assert.True(double.IsFinite(v), "a percentile is not finite"));
        Assert.All(r.Yearly.MeanBalance, v => Assert.True(v >= 0));
        Assert.InRange(r.Summary.SuccessProbability, 0, 1);
        Assert.Contains(r.Summary.PeakAge, r.Ages);
        for (int t = 0; t < r.Years.Length; t++)
        {
            for (int j = 1; j < r.Levels.Count; j++)
            {
                Assert.True(r.Percentile(Metric.Balance, t, j) >= r.Percentile(Metric.Balance, t, j - 1));
            }
        }
    }
}
