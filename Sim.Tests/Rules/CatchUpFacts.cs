using Sim.Engine.Rules;

namespace Sim.Tests.Rules;

public class CatchUpFacts
{
    [Theory]
    [InlineData(2022, 49, 0)]
    [InlineData(2022, 50, 6_500)]
    [InlineData(2022, 62, 6_500)]
    [InlineData(2024, 61, 7_500)]
    [InlineData(2025, 59, 7_500)]
    [InlineData(2025, 60, 11_250)]
    [InlineData(2025, 63, 11_250)]
    [InlineData(2025, 64, 7_500)]
    [InlineData(2026, 50, 8_000)]
    [InlineData(2026, 60, 11_250)]
    [InlineData(2026, 61, 11_250)]
    [InlineData(2026, 62, 11_250)]
    [InlineData(2026, 63, 11_250)]
    [InlineData(2026, 64, 8_000)]
    [InlineData(2026, 80, 8_000)]
    public void Amount_FollowsAge_AndYear(int year, int age, double expected) =>
        Assert.Equal(expected, CatchUp.Amount(ContributionLimits.For(year, 0.025), age));

    [Fact]
    public void Amount_Age60To63_ReplacesTheAge50Amount_ItDoesNotAddToIt() =>
        Assert.Equal(11_250, CatchUp.Amount(ContributionLimits.For(2026, 0.025), 61));

    [Theory]
    [InlineData(2026, 150_000.01, true)]
    [InlineData(2026, 150_000, false)]
    [InlineData(2026, 149_999, false)]
    [InlineData(2025, 1_000_000, false)]
    [InlineData(2024, 1_000_000, false)]
    public void MustBeRoth_From2026_ForPriorYearSalaryStrictlyAboveTheThreshold(int year, double priorSalary, bool expected) =>
        Assert.Equal(expected, CatchUp.MustBeRoth(ContributionLimits.For(year, 0.025), priorSalary));

    [Fact]
    public void MustBeRoth_UsesTheIndexedThreshold_After2026()
    {
        // i = 10%: 2027 threshold = 165,000.
        LimitSet l = ContributionLimits.For(2027, 0.10);
        Assert.False(CatchUp.MustBeRoth(l, 160_000));
        Assert.True(CatchUp.MustBeRoth(l, 165_001));
    }
}
