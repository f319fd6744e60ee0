using Sim.Engine.Rules;
using Sim.Engine.Scenarios;

namespace Sim.Tests.Rules;

public class VestingFacts
{
    private static VestingSchedule Cliff(int years) => new() { Type = VestingType.Cliff, Years = years };

    private static VestingSchedule Graded(params double[] schedule) => new() { Type = VestingType.Graded, Schedule = schedule };

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Immediate_IsFullyVested(int years) =>
        Assert.Equal(1.0, Vesting.VestedFraction(new VestingSchedule(), years));

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(2, 0.0)]
    [InlineData(3, 1.0)]
    [InlineData(10, 1.0)]
    public void Cliff3_VestsEverythingAfterThreeYears(int years, double expected) =>
        Assert.Equal(expected, Vesting.VestedFraction(Cliff(3), years));

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(1, 0.0)]
    [InlineData(2, 0.2)]
    [InlineData(4, 0.6)]
    [InlineData(6, 1.0)]
    [InlineData(30, 1.0)]
    public void Graded_ReadsTheSchedule_AndTheLastValueHolds(int years, double expected) =>
        Assert.Equal(expected, Vesting.VestedFraction(Graded(0, 0, 0.2, 0.4, 0.6, 0.8, 1.0), years));

    [Fact]
    public void Graded_LastValueHolds_EvenBelow100Percent() =>
        Assert.Equal(0.5, Vesting.VestedFraction(Graded(0, 0.5), 9));

    [Fact]
    public void NegativeYears_CountAsZero() =>
        Assert.Equal(0.0, Vesting.VestedFraction(Cliff(1), -2));

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(1, 0.0)]
    [InlineData(2, 0.2)]
    [InlineData(3, 0.4)]
    [InlineData(5, 0.8)]
    [InlineData(6, 1.0)]
    [InlineData(9, 1.0)]
    public void LegalMaximumGraded_Is2To6Years(int years, double expected) =>
        Assert.Equal(expected, Vesting.LegalMaximumGradedFraction(years), 12);

    public static TheoryData<VestingSchedule, bool> SlowerCases => new()
    {
        { new VestingSchedule(), false },
        { Cliff(0), false },
        { Cliff(3), false },
        { Cliff(4), true },
        { Graded(0, 0, 0.2, 0.4, 0.6, 0.8, 1.0), false },
        { Graded(0, 0.5, 1.0), false },
        { Graded(0, 0, 0, 1.0), false },                        // a 3-year cliff written as a graded list
        { Graded(0, 0, 0, 0.2, 0.4, 0.6, 0.8, 1.0), true },     // 3-to-7 graded
        { Graded(0, 0, 0.2, 0.4, 0.6, 0.8, 0.9), true },        // never reaches 100%
        { Graded(0, 0, 0.1, 0.4, 0.6, 0.8, 1.0), true },        // 10% < 20% after 2 years
    };

    [Theory]
    [MemberData(nameof(SlowerCases))]
    public void IsSlowerThanLegalMaximum_ComparesWithBoth411a2Schedules(VestingSchedule schedule, bool expected) =>
        Assert.Equal(expected, Vesting.IsSlowerThanLegalMaximum(schedule));
}
