using Sim.Engine.Scenarios;
using Sim.Engine.Simulation;

namespace Sim.Tests.Simulation;

/// <summary>The path-independent income coefficients of each year: claim-year months, owners, pension kinds.</summary>
public class IncomeScheduleFacts
{
    private static readonly Scenario Couple = new()
    {
        Participant = new Participant { BirthYear = 1960, RetirementAge = 66, Spouse = new Spouse { BirthYear = 1962 } },
        Income =
        [
            new SocialSecurityIncome { Pia = 2_000, ClaimAgeMonths = 70 * 12 }, // July 2030, 124 %
            new SocialSecurityIncome { Owner = IncomeOwner.Spouse, Pia = 1_000, ClaimAgeMonths = 62 * 12 }, // July 2024, 70 %
            new PensionIncome { Annual = 12_000, StartAgeMonths = 65 * 12, Cola = PensionCola.Inflation }, // July 2025
            new PensionIncome { Owner = IncomeOwner.Spouse, Annual = 6_000, StartAgeMonths = 67 * 12 + 6, Cola = PensionCola.Fixed(0.03) }, // Jan 2030
        ],
    };

    [Fact]
    public void BeforeTheClaimYear_OnlyTheStreamsAlreadyPaying()
    {
        // 2029: the spouse's benefit (1,000 · 0.70 · 12) and the indexed pension; the participant's claim is in 2030.
        Assert.Equal(new IncomeYear(8_400, 12_000, 0), IncomeSchedule.ForYear(Couple, 2029));
    }

    [Fact]
    public void InTheClaimYear_SixMonthsAtTheDelayedFactor()
    {
        // 2030: 2,000 · 1.24 · 6 = 14,880 plus the spouse's 8,400; the fixed pension's first year pays 6,000.
        var y = IncomeSchedule.ForYear(Couple, 2030);
        Assert.Equal(23_280, y.SocialSecurityToday, 9);
        Assert.Equal(12_000, y.PensionToday);
        Assert.Equal(6_000, y.PensionNominal);
        Assert.Equal(23_280 * 1.1 + 12_000 * 1.1 + 6_000, y.Total(1.1), 9);
    }

    [Fact]
    public void AfterTheClaimYear_TwelveMonths_AndTheFixedIncrease()
    {
        var y = IncomeSchedule.ForYear(Couple, 2032);
        Assert.Equal(2_000 * 1.24 * 12 + 8_400, y.SocialSecurityToday, 9);
        Assert.Equal(6_000 * 1.03 * 1.03, y.PensionNominal, 9);
    }

    [Fact]
    public void NoStreams_NothingPays()
    {
        Assert.False(IncomeSchedule.ForYear(new Scenario(), 2040).Any);
        Assert.True(IncomeSchedule.ForYear(Couple, 2024).Any);
        // The spouse claims at 62 in July 2024: 1,000 · 0.70 · 6 months.
        Assert.Equal(new IncomeYear(4_200, 0, 0), IncomeSchedule.ForYear(Couple, 2024));
    }

    [Fact]
    public void FirstFullYear_IsWhenTheLastStreamPaysTwelveMonths()
    {
        // Participant's claim in July 2030 → 2031; the spouse's fixed pension starts in January 2030.
        Assert.Equal(2031, IncomeSchedule.FirstFullYear(Couple));
        Assert.Null(IncomeSchedule.FirstFullYear(new Scenario()));
        // Streams already paying in full before startYear: startYear.
        Assert.Equal(2040, IncomeSchedule.FirstFullYear(Couple with { Simulation = new SimulationSettings { StartYear = 2040 } }));
    }
}
