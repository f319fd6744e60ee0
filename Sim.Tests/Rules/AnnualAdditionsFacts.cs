using Sim.Engine.Rules;

namespace Sim.Tests.Rules;

public class AnnualAdditionsFacts
{
    private static readonly LimitSet L2026 = ContributionLimits.For(2026, 0.025);

    [Fact]
    public void Apply_LeavesContributionsUnchanged_UnderTheLimit()
    {
        var (match, ne) = AnnualAdditions.Apply(L2026, 360_000, 24_500, 10_800, 36_000);

        Assert.Equal(10_800, match);
        Assert.Equal(36_000, ne);
    }

    [Fact]
    public void Apply_CutsBackAtTheDollarLimit_MatchAndNonElectiveProportionally()
    {
        // 24,500 + 10,800 + 40,000 = 75,300 > 72,000: room 47,500 for 50,800 of employer money.
        var (match, ne) = AnnualAdditions.Apply(L2026, 360_000, 24_500, 10_800, 40_000);

        Assert.Equal(72_000, 24_500 + match + ne, 9);
        Assert.Equal(10_800.0 * 47_500 / 50_800, match, 9);
        Assert.Equal(40_000.0 * 47_500 / 50_800, ne, 9);
    }

    [Fact]
    public void Apply_CutsBackAtOneHundredPercentOfComp()
    {
        // comp 60,000 < 72,000: room = 60,000 − 24,500 = 35,500 for 45,000.
        var (match, ne) = AnnualAdditions.Apply(L2026, 60_000, 24_500, 30_000, 15_000);

        Assert.Equal(35_500.0 * 30_000 / 45_000, match, 9);
        Assert.Equal(35_500.0 * 15_000 / 45_000, ne, 9);
        Assert.Equal(60_000, 24_500 + match + ne, 9);
    }

    [Fact]
    public void Apply_GivesNoEmployerMoney_WhenTheDeferralFillsTheRoom()
    {
        var (match, ne) = AnnualAdditions.Apply(L2026, 20_000, 20_000, 600, 600);

        Assert.Equal(0, match);
        Assert.Equal(0, ne);
    }

    [Fact]
    public void Apply_ExcludesCatchUp_CallersPassTheDeferralWithoutIt()
    {
        // Age 61 in 2026 deferring 35,750 (11,250 catch-up): only 24,500 counts, so 47,500 of employer money fits.
        DeferralSplit d = ElectiveDeferral.Compute(L2026, 61, 360_000, 0.5, 0, true, 100_000);
        var (match, ne) = AnnualAdditions.Apply(L2026, 360_000, d.ExcludingCatchUp, 10_800, 36_700);

        Assert.Equal(24_500, d.ExcludingCatchUp);
        Assert.Equal(10_800, match);
        Assert.Equal(36_700, ne);
    }
}
