using Sim.Engine.Rules;
using Sim.Engine.Scenarios;

namespace Sim.Tests.Rules;

public class EmployerMatchFacts
{
    private static readonly MatchTier[] DollarForTwoUpTo6 = [new(0.5, 0.06)];
    private static readonly MatchTier[] SafeHarborBasic = [new(1.0, 0.03), new(0.5, 0.05)];

    [Fact]
    public void Match_SixPercentDeferral_WithHalfUpTo6_GivesThreePercent_NineInTotal()
    {
        double comp = 100_000;
        double match = EmployerMatch.Amount(DollarForTwoUpTo6, comp, 6_000);

        Assert.Equal(3_000, match, 9);
        Assert.Equal(0.09, (6_000 + match) / comp, 12);
    }

    [Theory]
    [InlineData(0.00, 0)]
    [InlineData(0.02, 1_000)]
    [InlineData(0.04, 2_000)]
    [InlineData(0.06, 3_000)]
    [InlineData(0.10, 3_000)]
    public void Match_StopsAtTheTierCap(double rate, double expected) =>
        Assert.Equal(expected, EmployerMatch.Amount(DollarForTwoUpTo6, 100_000, rate * 100_000), 9);

    [Theory]
    [InlineData(0.02, 2_000)]
    [InlineData(0.03, 3_000)]
    [InlineData(0.04, 3_500)]
    [InlineData(0.05, 4_000)]
    [InlineData(0.08, 4_000)]
    public void Match_SafeHarborBasic_100PercentOf3_Then50PercentOfNext2(double rate, double expected) =>
        Assert.Equal(expected, EmployerMatch.Amount(SafeHarborBasic, 100_000, rate * 100_000), 9);

    [Fact]
    public void Match_IsZero_WhenCompIsZero() =>
        Assert.Equal(0, EmployerMatch.Amount(DollarForTwoUpTo6, 0, 5_000));

    [Fact]
    public void Match_IsZero_WithoutTiers() =>
        Assert.Equal(0, EmployerMatch.Amount([], 100_000, 6_000));

    [Fact]
    public void Match_CountsCatchUpDeferrals_AsAShareOfComp()
    {
        // comp 50,000, deferral 32,500 (64%) is far above 6%: the match is capped at 3% of comp.
        Assert.Equal(1_500, EmployerMatch.Amount(DollarForTwoUpTo6, 50_000, 32_500), 9);
    }
}
