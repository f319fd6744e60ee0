using Sim.Engine.Rules;

namespace Sim.Tests.Rules;

public class ContributionLimitsFacts
{
    // Typed from the IRS COLA table (2022-2025) and Notice 2025-67 (2026); 0 = no 60-63 catch-up that year.
    public static TheoryData<int, double, double, double, double, double> Published => new()
    {
        { 2022, 20_500, 6_500, 0, 61_000, 305_000 },
        { 2023, 22_500, 7_500, 0, 66_000, 330_000 },
        { 2024, 23_000, 7_500, 0, 69_000, 345_000 },
        { 2025, 23_500, 7_500, 11_250, 70_000, 350_000 },
        { 2026, 24_500, 8_000, 11_250, 72_000, 360_000 },
    };

    [Theory]
    [MemberData(nameof(Published))]
    public void Limits_MatchThePublishedTable_2022To2026(int year, double deferral, double catchUp50, double catchUp60, double additions, double comp)
    {
        LimitSet l = ContributionLimits.For(year, indexingRate: 0.05);

        Assert.Equal(year, l.Year);
        Assert.Equal(deferral, l.ElectiveDeferral);
        Assert.Equal(catchUp50, l.CatchUp50);
        Assert.Equal(catchUp60, l.CatchUp60To63);
        Assert.Equal(additions, l.AnnualAdditions);
        Assert.Equal(comp, l.CompensationLimit);
    }

    [Theory]
    [InlineData(2022)]
    [InlineData(2023)]
    [InlineData(2024)]
    [InlineData(2025)]
    public void RothCatchUpThreshold_IsNotEnforced_Before2026(int year) =>
        Assert.Equal(double.PositiveInfinity, ContributionLimits.For(year, 0.025).RothCatchUpWageThreshold);

    [Fact]
    public void RothCatchUpThreshold_Is150000_In2026() =>
        Assert.Equal(150_000, ContributionLimits.For(2026, 0.025).RothCatchUpWageThreshold);

    [Fact]
    public void Limits_Throw_Before2022() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ContributionLimits.For(2021, 0.025));

    [Fact]
    public void Limits_IgnoreTheIndexingRate_UpTo2026() =>
        Assert.Equal(ContributionLimits.For(2026, 0.0), ContributionLimits.For(2026, 0.10));

    // i = 2.5%: floor(L2026 · 1.025^n / step) · step; expected values computed by hand (decimal arithmetic).
    [Theory]
    [InlineData(2027, 25_000, 8_000, 11_500, 73_000, 365_000, 150_000)]
    [InlineData(2028, 25_500, 8_000, 11_500, 75_000, 375_000, 155_000)]
    [InlineData(2036, 31_000, 10_000, 14_000, 92_000, 460_000, 190_000)]
    public void Limit_RoundsDownToStep_After2026(int year, double deferral, double c50, double c60, double additions, double comp, double roth)
    {
        LimitSet l = ContributionLimits.For(year, 0.025);

        Assert.Equal(deferral, l.ElectiveDeferral);
        Assert.Equal(c50, l.CatchUp50);
        Assert.Equal(c60, l.CatchUp60To63);
        Assert.Equal(additions, l.AnnualAdditions);
        Assert.Equal(comp, l.CompensationLimit);
        Assert.Equal(roth, l.RothCatchUpWageThreshold);
    }

    [Fact]
    public void Limit_2027Deferral_IsFloorOf24500Times1025Over500()
    {
        // 24,500 × 1.025 = 25,112.50 → 25,000.
        Assert.Equal(25_000, ContributionLimits.For(2027, 0.025).ElectiveDeferral);
    }

    [Theory]
    [InlineData(2027)]
    [InlineData(2040)]
    [InlineData(2100)]
    public void Limit_WithZeroIndexing_NeverLosesAStep(int year)
    {
        LimitSet l = ContributionLimits.For(year, 0.0);

        Assert.Equal(24_500, l.ElectiveDeferral);
        Assert.Equal(8_000, l.CatchUp50);
        Assert.Equal(11_250, l.CatchUp60To63);
        Assert.Equal(72_000, l.AnnualAdditions);
        Assert.Equal(360_000, l.CompensationLimit);
        Assert.Equal(150_000, l.RothCatchUpWageThreshold);
    }

    [Theory]
    [InlineData(0.0, 2027, 11_250)]  // formula alone: floor(11,250 / 500) · 500 = 11,000
    [InlineData(0.02, 2027, 11_250)] // 11,475 → 11,000 by the formula alone
    [InlineData(0.025, 2027, 11_500)] // 11,531.25 → 11,500
    [InlineData(0.025, 2036, 14_000)]
    public void CatchUp60To63_NeverFallsBelowItsStatutoryFloorOf11250(double rate, int year, double expected) =>
        Assert.Equal(expected, ContributionLimits.For(year, rate).CatchUp60To63);

    [Fact]
    public void Limit_ExactMultipleAfterIndexing_KeepsItsStep()
    {
        // 150,000 × 1.1 = 165,000 and 11,250 × 1.2 = 13,500 are exact multiples of their steps.
        Assert.Equal(165_000, ContributionLimits.For(2027, 0.10).RothCatchUpWageThreshold);
        Assert.Equal(13_500, ContributionLimits.For(2027, 0.20).CatchUp60To63);
        // 8,000 × 1.25² = 12,500.
        Assert.Equal(12_500, ContributionLimits.For(2028, 0.25).CatchUp50);
    }

    [Fact]
    public void Index_IsExactInDecimal_WhereBinaryArithmeticWouldLoseAStep()
    {
        // In binary floating point 100 × 1.15 = 114.99999999999999, which would floor to 110.
        Assert.True(100 * 1.15 < 115);
        Assert.Equal(115, ContributionLimits.Index(100m, 0.15, 1, 5m));
    }

    [Fact]
    public void Limits_AreComputedFrom2026EachYear_NotReRoundedYearOnYear()
    {
        // Re-rounding each year would give 8,000 forever at 2.5% (8,200 → 8,000 → ...); from 2026: 8,000 × 1.025^3 = 8,615 → 8,500.
        Assert.Equal(8_500, ContributionLimits.For(2029, 0.025).CatchUp50);
    }

    [Fact]
    public void Limits_AreNonDecreasing_UnderPositiveIndexing()
    {
        LimitSet previous = ContributionLimits.For(2022, 0.03);
        for (int y = 2023; y <= 2100; y++)
        {
            LimitSet l = ContributionLimits.For(y, 0.03);
            Assert.True(l.ElectiveDeferral >= previous.ElectiveDeferral, $"{y}");
            Assert.True(l.AnnualAdditions >= previous.AnnualAdditions, $"{y}");
            Assert.True(l.CompensationLimit >= previous.CompensationLimit, $"{y}");
            Assert.Equal(0, l.ElectiveDeferral % 500);
            Assert.Equal(0, l.AnnualAdditions % 1_000);
            Assert.Equal(0, l.CompensationLimit % 5_000);
            previous = l;
        }
    }

    [Fact]
    public void Limits_Throw_ForAnIndexingRateAtOrBelowMinusOne() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ContributionLimits.For(2030, -1.0));
}
