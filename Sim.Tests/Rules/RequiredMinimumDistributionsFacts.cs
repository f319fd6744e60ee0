using Sim.Engine.Rules;

namespace Sim.Tests.Rules;

public class RequiredMinimumDistributionsFacts
{
    [Theory]
    [InlineData(1940, 71)]
    [InlineData(1948, 71)] // born July 1, 1948: 70½ on January 1 of the year of 71
    [InlineData(1949, 72)] // born July 1, 1949: after June 30, 1949 → 72 (SECURE Act)
    [InlineData(1950, 72)]
    [InlineData(1951, 73)] // SECURE 2.0 §107
    [InlineData(1959, 73)]
    [InlineData(1960, 75)]
    [InlineData(1991, 75)]
    public void ApplicableAge_ByBirthYear(int birthYear, int expected) =>
        Assert.Equal(expected, RequiredMinimumDistributions.ApplicableAge(birthYear));

    [Theory]
    [InlineData(1955, 65, false, 2028)] // retired before 73: starts at 73
    [InlineData(1955, 73, false, 2028)] // separates in the year of 73
    [InlineData(1955, 75, false, 2030)] // still working at 73: starts in the separation year
    [InlineData(1955, 75, true, 2028)]  // 5% owner: no still-working exception
    [InlineData(1960, 70, false, 2035)]
    [InlineData(1960, 78, false, 2038)]
    [InlineData(1960, 78, true, 2035)]
    [InlineData(1950, 60, false, 2022)]
    public void FirstRmdYear_IsTheLaterOfApplicableAgeAndSeparation_ExceptFor5PercentOwners(int birthYear, int retirementAge, bool owner, int expected) =>
        Assert.Equal(expected, RequiredMinimumDistributions.FirstRmdYear(birthYear, retirementAge, owner));

    [Theory]
    [InlineData(75, null, false, 24.6)]
    [InlineData(75, 60, false, 24.6)]   // spouse not the sole beneficiary
    [InlineData(75, 65, true, 24.6)]    // exactly 10 years younger: uniform
    [InlineData(75, 66, true, 24.6)]
    [InlineData(75, 64, true, 25.3)]    // 11 years younger: joint
    [InlineData(75, 60, true, 28.3)]
    [InlineData(73, 60, true, 28.6)]
    [InlineData(80, 65, true, 23.8)]
    [InlineData(85, 70, true, 19.5)]
    [InlineData(90, 75, true, 15.4)]
    [InlineData(72, 80, true, 27.4)]    // older spouse
    [InlineData(121, 100, true, 2.8)]   // 120-and-older row
    public void Divisor_UsesUniform_OrJointForASoleSpouseMoreThan10YearsYounger(int age, int? spouseAge, bool sole, double expected) =>
        Assert.Equal(expected, RequiredMinimumDistributions.Divisor(age, spouseAge, sole));

    [Fact]
    public void Divisor_JointIsNeverSmallerThanUniform_ForSpousesMoreThan10YearsYounger()
    {
        for (int age = 70; age <= 120; age++)
        {
            for (int spouse = 0; spouse < age - 10; spouse++)
            {
                Assert.True(RmdTables.JointLastSurvivor(age, spouse) >= RmdTables.UniformLifetime(age), $"({age},{spouse})");
            }
        }
    }

    [Fact]
    public void Rmd_OnAMillionAt75_Is40650Point41()
    {
        // 1,000,000 / 24.6
        Assert.Equal(40_650.41, Math.Round(1_000_000 / RequiredMinimumDistributions.Divisor(75, null, false), 2));
    }

    [Theory]
    [InlineData(2022, true)]
    [InlineData(2023, true)]
    [InlineData(2024, false)]
    [InlineData(2050, false)]
    public void RothHasLifetimeRmds_Only2022And2023(int year, bool expected) =>
        Assert.Equal(expected, RequiredMinimumDistributions.RothSubjectToLifetimeRmd(year));
}
