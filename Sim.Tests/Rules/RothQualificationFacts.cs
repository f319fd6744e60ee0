using Sim.Engine.Rules;

namespace Sim.Tests.Rules;

public class RothQualificationFacts
{
    [Theory]
    [InlineData(60, 2030, 2025, true)]
    [InlineData(60, 2029, 2025, false)] // only 4 years
    [InlineData(59, 2030, 2020, false)] // not yet 59½ on January 1
    [InlineData(75, 2040, 2000, true)]
    [InlineData(70, 2026, 2026, false)]
    public void Qualified_NeedsAge60AndFiveYears(int age, int year, int first, bool expected) =>
        Assert.Equal(expected, RothQualification.IsQualified(age, year, first));
}
