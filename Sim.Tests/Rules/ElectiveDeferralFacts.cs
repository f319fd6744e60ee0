using Sim.Engine.Rules;

namespace Sim.Tests.Rules;

public class ElectiveDeferralFacts
{
    private static LimitSet L(int year) => ContributionLimits.For(year, 0.025);

    [Fact]
    public void Deferral_IsRateTimesComp_WhenUnderTheLimit()
    {
        DeferralSplit s = ElectiveDeferral.Compute(L(2026), 40, 100_000, 0.06, 0.0, true, 100_000);

        Assert.Equal(6_000, s.Total);
        Assert.Equal(0, s.Roth);
        Assert.Equal(6_000, s.Pretax);
        Assert.Equal(0, s.CatchUp);
    }

    [Fact]
    public void Deferral_2022_At50_Is20500Plus6500()
    {
        DeferralSplit s = ElectiveDeferral.Compute(L(2022), 50, 300_000, 0.5, 0.0, true, 300_000);

        Assert.Equal(27_000, s.Total);
        Assert.Equal(6_500, s.CatchUp);
        Assert.Equal(20_500, s.ExcludingCatchUp);
    }

    [Fact]
    public void Deferral_Under50_IsCappedAt402g()
    {
        DeferralSplit s = ElectiveDeferral.Compute(L(2022), 49, 300_000, 0.5, 0.0, true, 300_000);
        Assert.Equal(20_500, s.Total);
        Assert.Equal(0, s.CatchUp);
    }

    [Theory]
    [InlineData(2025, 60, 23_500 + 11_250)]
    [InlineData(2025, 63, 23_500 + 11_250)]
    [InlineData(2025, 64, 23_500 + 7_500)]
    [InlineData(2026, 60, 24_500 + 11_250)]
    [InlineData(2026, 64, 24_500 + 8_000)]
    [InlineData(2024, 61, 23_000 + 7_500)]
    public void Deferral_CatchUpDependsOnAge(int year, int age, double expected)
    {
        // Prior-year salary under the Roth threshold so the Roth rule does not interfere.
        DeferralSplit s = ElectiveDeferral.Compute(L(year), age, 140_000, 0.5, 0.0, false, 140_000);
        Assert.Equal(expected, s.Total);
    }

    [Fact]
    public void Deferral_RothShare_SplitsTheWholeDeferral_WithoutTheRothCatchUpRule()
    {
        DeferralSplit s = ElectiveDeferral.Compute(L(2026), 55, 140_000, 0.5, 0.25, true, 140_000);

        Assert.Equal(32_500, s.Total);
        Assert.Equal(8_125, s.Roth);
        Assert.Equal(24_375, s.Pretax);
        Assert.Equal(8_000, s.CatchUp);
    }

    [Fact]
    public void Deferral_CatchUpIsRoth_In2026_ForPriorSalaryAbove150000()
    {
        DeferralSplit s = ElectiveDeferral.Compute(L(2026), 55, 200_000, 0.2, 0.0, true, 150_000.01);

        Assert.Equal(32_500, s.Total);
        Assert.Equal(8_000, s.CatchUp);
        Assert.Equal(8_000, s.Roth);
        Assert.Equal(24_500, s.Pretax);
    }

    [Fact]
    public void Deferral_RothCatchUpRule_AddsTheCatchUpToTheRothShareOfTheRest()
    {
        // Roth = rothShare·(E − c) + c = 0.5·24,500 + 8,000.
        DeferralSplit s = ElectiveDeferral.Compute(L(2026), 55, 200_000, 0.2, 0.5, true, 200_000);

        Assert.Equal(20_250, s.Roth);
        Assert.Equal(12_250, s.Pretax);
    }

    [Fact]
    public void Deferral_PriorSalaryExactly150000_IsNotAbove_SoCatchUpStaysPretax()
    {
        DeferralSplit s = ElectiveDeferral.Compute(L(2026), 55, 200_000, 0.2, 0.0, true, 150_000);

        Assert.Equal(32_500, s.Total);
        Assert.Equal(0, s.Roth);
    }

    [Fact]
    public void Deferral_WithoutRothOption_AndRothRuleInForce_AllowsNoCatchUp()
    {
        DeferralSplit s = ElectiveDeferral.Compute(L(2026), 61, 200_000, 0.2, 0.0, false, 200_000);

        Assert.Equal(24_500, s.Total);
        Assert.Equal(0, s.CatchUp);
        Assert.Equal(0, s.Roth);
        Assert.Equal(24_500, s.Pretax);
    }

    [Fact]
    public void Deferral_WithoutRothOption_BelowTheThreshold_KeepsThePretaxCatchUp()
    {
        DeferralSplit s = ElectiveDeferral.Compute(L(2026), 61, 140_000, 0.5, 0.0, false, 140_000);

        Assert.Equal(35_750, s.Total);
        Assert.Equal(35_750, s.Pretax);
    }

    [Fact]
    public void Deferral_2025_HighEarner_CatchUpMayStayPretax_RuleNotYetEnforced()
    {
        DeferralSplit s = ElectiveDeferral.Compute(L(2025), 55, 300_000, 0.2, 0.0, false, 300_000);

        Assert.Equal(31_000, s.Total);
        Assert.Equal(0, s.Roth);
    }

    [Fact]
    public void Deferral_PartialCatchUp_OnlyTheAmountAbove402gIsCatchUp()
    {
        // 2026, age 55, comp 100,000 at 27% = 27,000: 2,500 above 24,500.
        DeferralSplit s = ElectiveDeferral.Compute(L(2026), 55, 100_000, 0.27, 0.0, true, 200_000);

        Assert.Equal(27_000, s.Total, 9);
        Assert.Equal(2_500, s.CatchUp, 9);
        Assert.Equal(2_500, s.Roth, 9);
    }

    [Fact]
    public void Deferral_IsZero_ForZeroComp() =>
        Assert.Equal(0, ElectiveDeferral.Compute(L(2026), 40, 0, 0.06, 0, true, 0).Total);
}
