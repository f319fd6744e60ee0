namespace Sim.Engine.Rules;

/// <summary>Qualified distributions from a designated Roth account (IRC 402A(d)(2)).</summary>
public static class RothQualification
{
    /// <summary>
    /// True when a distribution in <paramref name="year"/> is qualified: the participant has reached 59½
    /// (age attained in the year ≥ 60 with July 1 birthdays and January 1 withdrawals, 402A(d)(2)(A), which refers
    /// to 408A(d)(2)(A)(i)) and the 5-taxable-year period that begins with the first Roth contribution year is
    /// complete (402A(d)(2)(B): <c>year − firstContributionYear ≥ 5</c>).
    /// </summary>
    public static bool IsQualified(int age, int year, int firstContributionYear) =>
        age >= 60 && year - firstContributionYear >= 5;
}
