using Sim.Engine.Scenarios;
using Sim.Engine.Simulation;

namespace Sim.Tests.Simulation;

/// <summary>Each Guyton-Klinger rule as pinned in spec section 12, with IR = 4%, upper = lower = 20%, cut = raise = 10%.</summary>
public class GuardrailRulesFacts
{
    private static readonly GuardrailsStrategy Defaults = new();
    private const double Ir = 0.04;

    [Fact]
    public void InflationRaise_IsKept_InsideTheBand()
        => Assert.Equal(41_000, GuardrailRules.Apply(40_000, 41_000, 1_000_000, Ir, lastYearReturn: 0.05, cutAllowed: true, Defaults));

    [Fact]
    public void InflationRaise_IsSkipped_AfterANegativeYear_WhenTheRaisedRateExceedsIr()
        // 41,000 / 900,000 = 4.56% > 4%: keep 40,000; 40,000 / 900,000 = 4.44% is inside [3.2%, 4.8%].
        => Assert.Equal(40_000, GuardrailRules.Apply(40_000, 41_000, 900_000, Ir, lastYearReturn: -0.10, cutAllowed: true, Defaults));

    [Fact]
    public void InflationRaise_IsKept_AfterANegativeYear_WhenTheRaisedRateIsBelowIr()
        // 41,000 / 1,100,000 = 3.73% <= 4%.
        => Assert.Equal(41_000, GuardrailRules.Apply(40_000, 41_000, 1_100_000, Ir, lastYearReturn: -0.10, cutAllowed: true, Defaults));

    [Fact]
    public void CapitalPreservation_CutsByTenPercent_AboveTheUpperGuardrail()
        // 41,000 / 700,000 = 5.86% > 4.8%: 41,000 × 0.9.
        => Assert.Equal(36_900, GuardrailRules.Apply(40_000, 41_000, 700_000, Ir, lastYearReturn: 0.01, cutAllowed: true, Defaults), 9);

    [Fact]
    public void CapitalPreservation_DoesNotCut_WithFewerThan15YearsLeft()
        => Assert.Equal(41_000, GuardrailRules.Apply(40_000, 41_000, 700_000, Ir, lastYearReturn: 0.01, cutAllowed: false, Defaults));

    [Fact]
    public void SkippedRaise_AndCut_Compound()
        // Negative year and 41,000/700,000 > IR: keep 40,000; 40,000/700,000 = 5.71% > 4.8%: cut to 36,000.
        => Assert.Equal(36_000, GuardrailRules.Apply(40_000, 41_000, 700_000, Ir, lastYearReturn: -0.2, cutAllowed: true, Defaults), 9);

    [Fact]
    public void Prosperity_RaisesByTenPercent_BelowTheLowerGuardrail()
        // 41,000 / 1,500,000 = 2.73% < 3.2%: 41,000 × 1.1.
        => Assert.Equal(45_100, GuardrailRules.Apply(40_000, 41_000, 1_500_000, Ir, lastYearReturn: 0.2, cutAllowed: true, Defaults), 9);

    [Fact]
    public void Parameters_AreTheScenarios()
    {
        var w = Defaults with { Upper = 0.5, Cut = 0.25 };
        // 5.86% is below 4% × 1.5 = 6%: no cut with upper = 50%.
        Assert.Equal(41_000, GuardrailRules.Apply(40_000, 41_000, 700_000, Ir, 0.01, true, w));
        // 41,000 / 600,000 = 6.83% > 6%: cut by 25%.
        Assert.Equal(30_750, GuardrailRules.Apply(40_000, 41_000, 600_000, Ir, 0.01, true, w), 9);
    }

    [Fact]
    public void InPaths_ACrashInTheFirstRetirementYear_TriggersACut()
    {
        // Retired at start (1,000,000, 4%), all stocks; stocks lose 50% in the first year: the second year's raised
        // target 41,000 (2.5% inflation) against ~478,000 is far above 4.8%, with 29 years left: cut, and no raise.
        var s = TestScenarios.ZeroVolatility(TestScenarios.Basic(1960, 65, endAge: 95, pretax: 1_000_000) with
        {
            Allocation = new Allocation { Type = AllocationType.Fixed, Weights = new AssetWeights(1, 0, 0, 0) },
            Withdrawals = new Withdrawals { Strategy = Defaults },
            Returns = new Sim.Engine.Scenarios.Returns { Shocks = [new Shock { Year = 2026, Stocks = -0.5 }] },
        });
        var r = TestScenarios.Run(TestScenarios.ZeroVolatility(s));
        Assert.Equal(40_000, TestScenarios.Median(r, Metric.Withdrawals, 2026), 6);
        Assert.Equal(40_000 * 0.9, TestScenarios.Median(r, Metric.Withdrawals, 2027), 6);
    }
}
