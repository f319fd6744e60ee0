using Sim.Engine.Rules;

namespace Sim.Tests.Rules;

public class CompensationLimitFacts
{
    [Theory]
    [InlineData(2022, 400_000, 305_000)]
    [InlineData(2025, 400_000, 350_000)]
    [InlineData(2026, 400_000, 360_000)]
    [InlineData(2026, 360_000, 360_000)]
    [InlineData(2026, 100_000, 100_000)]
    [InlineData(2026, -5, 0)]
    public void PlanCompensation_IsSalaryCappedBy401a17(int year, double salary, double expected) =>
        Assert.Equal(expected, CompensationLimit.PlanCompensation(ContributionLimits.For(year, 0.025), salary));

    [Fact]
    public void PlanCompensation_UsesTheIndexedLimit_After2026() =>
        // 360,000 × 1.025 = 369,000 → 365,000.
        Assert.Equal(365_000, CompensationLimit.PlanCompensation(ContributionLimits.For(2027, 0.025), 1_000_000));
}
