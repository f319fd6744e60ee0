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

    /// <summary>The kernel stops keeping the Roth basis from the first qualified year (it decides only a
    /// non-qualified withdrawal's taxable share): that needs qualification never to end.</summary>
    [Fact]
    public void Qualified_OnceTrue_StaysTrueEveryLaterYear()
    {
        for (int first = 1990; first <= 2080; first += 3)
        {
            for (int startAge = 20; startAge <= 90; startAge++)
            {
                bool qualified = false;
                for (int t = 0; t < 60; t++)
                {
                    bool now = RothQualification.IsQualified(startAge + t, 2000 + t, first);
                    Assert.False(qualified && !now, $"first {first}, age {startAge + t}, year {2000 + t}");
                    qualified |= now;
                }
            }
        }
    }
}
