using Sim.Engine.Rules;

namespace Sim.Tests.Rules;

/// <summary>Full retirement age, early reduction and delayed credits against SSA's published tables
/// ("Benefit reduction for early retirement", "Delayed retirement credits", "Retirement age calculator").</summary>
public class SocialSecurityBenefitFacts
{
    [Theory]
    [InlineData(1937, 65, 0)]
    [InlineData(1938, 65, 2)]
    [InlineData(1942, 65, 10)]
    [InlineData(1943, 66, 0)]
    [InlineData(1954, 66, 0)]
    [InlineData(1955, 66, 2)]
    [InlineData(1957, 66, 6)]
    [InlineData(1959, 66, 10)]
    [InlineData(1960, 67, 0)]
    [InlineData(1991, 67, 0)]
    public void FullRetirementAge_FollowsTheSsaTableByBirthYear(int birthYear, int years, int months) =>
        Assert.Equal(years * 12 + months, SocialSecurityBenefit.FullRetirementAgeMonths(birthYear));

    // Exact fractions of 7,200 (the closed form), beside SSA's table rounded to 0.1 % where it is not whole.
    [Theory]
    // Born 1954, FRA 66: 48 months early = 75 %, 24 months early = 86.7 %, 18 and 48 months of credits.
    [InlineData(1954, 62 * 12, 5400, 75.0)]
    [InlineData(1954, 64 * 12, 6240, 86.7)]
    [InlineData(1954, 66 * 12, 7200, 100.0)]
    [InlineData(1954, 67 * 12 + 6, 8064, 112.0)]
    [InlineData(1954, 70 * 12, 9504, 132.0)]
    // Born 1957, FRA 66 and 6 months: 54 months early = 72.5 %, 30 months early = 83.3 %.
    [InlineData(1957, 62 * 12, 5220, 72.5)]
    [InlineData(1957, 64 * 12, 6000, 83.3)]
    [InlineData(1957, 66 * 12 + 6, 7200, 100.0)]
    [InlineData(1957, 67 * 12 + 6, 7776, 108.0)]
    [InlineData(1957, 70 * 12, 9216, 128.0)]
    // Born 1960, FRA 67: 70 % at 62, 80 % at 64, 124 % at 70.
    [InlineData(1960, 62 * 12, 5040, 70.0)]
    [InlineData(1960, 64 * 12, 5760, 80.0)]
    [InlineData(1960, 67 * 12, 7200, 100.0)]
    [InlineData(1960, 67 * 12 + 6, 7488, 104.0)]
    [InlineData(1960, 70 * 12, 8928, 124.0)]
    public void Factor_MatchesTheClosedFormExactly_AndSsasPublishedPercentage(int birthYear, int claimMonths,
        int numeratorOf7200, double ssaPercent)
    {
        var factor = SocialSecurityBenefit.Factor(birthYear, claimMonths);

        Assert.Equal(numeratorOf7200 / 7200.0, factor);
        Assert.Equal(ssaPercent, Math.Round(factor * 100, 1));
    }

    [Fact]
    public void Factor_ForTheIssuesHeadlineValues_IsExactlyTheDecimal()
    {
        Assert.Equal(0.70, SocialSecurityBenefit.Factor(1960, 62 * 12));
        Assert.Equal(1.24, SocialSecurityBenefit.Factor(1960, 70 * 12));
        Assert.Equal(0.725, SocialSecurityBenefit.Factor(1957, 62 * 12));
    }

    [Fact]
    public void Factor_EarnsNoCreditAfterSeventy()
    {
        Assert.Equal(SocialSecurityBenefit.Factor(1960, 70 * 12), SocialSecurityBenefit.Factor(1960, 72 * 12));
    }

    [Fact]
    public void Factor_OneMonthEarly_Is5NinthsOfOnePercentLess_AndOneMonthLate_TwoThirdsMore()
    {
        Assert.Equal(1 - 5.0 / 900, SocialSecurityBenefit.Factor(1960, 67 * 12 - 1), 15);
        Assert.Equal(1 + 2.0 / 300, SocialSecurityBenefit.Factor(1960, 67 * 12 + 1), 15);
        // The 37th month early costs 5/12 % instead of 5/9 %.
        Assert.Equal(5.0 / 1200,
            SocialSecurityBenefit.Factor(1960, 67 * 12 - 36) - SocialSecurityBenefit.Factor(1960, 67 * 12 - 37), 15);
    }

    // SSA "Delayed retirement credits": yearly rate of increase by year of birth.
    [Theory]
    [InlineData(1916, 1.0)]
    [InlineData(1917, 3.0)]
    [InlineData(1924, 3.0)]
    [InlineData(1925, 3.5)]
    [InlineData(1927, 4.0)]
    [InlineData(1931, 5.0)]
    [InlineData(1933, 5.5)]
    [InlineData(1936, 6.0)]
    [InlineData(1937, 6.5)]
    [InlineData(1940, 7.0)]
    [InlineData(1941, 7.5)]
    [InlineData(1942, 7.5)]
    [InlineData(1943, 8.0)]
    [InlineData(1990, 8.0)]
    public void DelayedCredit_YearlyRate_MatchesSsasTable(int birthYear, double percentPerYear) =>
        Assert.Equal(percentPerYear, 12 * SocialSecurityBenefit.DelayedCreditPer24thPercent(birthYear) / 24.0);

    [Fact]
    public void Annual_IsPiaTimesFactorTimesMonthsTimesTheIndex()
    {
        // $2,000 PIA, claimed at 70 (124 %), 6 months in the first year, index 1.5: 2,000 · 1.24 · 6 · 1.5.
        Assert.Equal(22_320.00, SocialSecurityBenefit.Annual(2000, 1.24, 6, 1.5), 6);
    }
}
