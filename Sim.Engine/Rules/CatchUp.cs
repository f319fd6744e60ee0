namespace Sim.Engine.Rules;

/// <summary>
/// Catch-up contributions for participants aged 50 and over: IRC 414(v)(2)(B)(i) (age 50), 414(v)(2)(E) as added by
/// SECURE 2.0 §109 (ages 60-63, from 2025), and the Roth requirement of 414(v)(7) as added by SECURE 2.0 §603
/// (enforced from 2026: Notice 2023-62's administrative transition period; final regulations TD 10033, 2025).
/// </summary>
public static class CatchUp
{
    /// <summary>
    /// The catch-up amount for a participant of <paramref name="age"/> (the age attained by December 31 of the year,
    /// spec 12): the 60-63 amount if age is 60, 61, 62 or 63 and the year is 2025 or later (it replaces, not adds
    /// to, the age-50 amount); else the age-50 amount if age ≥ 50; else 0.
    /// </summary>
    public static double Amount(LimitSet limits, int age)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (age is >= 60 and <= 63 && limits.Year >= ContributionLimits.CatchUp60To63FirstYear)
        {
            return limits.CatchUp60To63;
        }

        return age >= 50 ? limits.CatchUp50 : 0.0;
    }

    /// <summary>
    /// True when the year's catch-up must be designated Roth (IRC 414(v)(7)(A)): from 2026, for a participant
    /// whose prior-year wages are strictly above the threshold listed for the year.
    /// </summary>
    public static bool MustBeRoth(LimitSet limits, double priorYearSalary)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return limits.Year >= ContributionLimits.RothCatchUpFirstYear && priorYearSalary > limits.RothCatchUpWageThreshold;
    }
}
