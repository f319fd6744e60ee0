namespace Sim.Engine.Rules;

/// <summary>
/// The Social Security retirement benefit as a share of the primary insurance amount (PIA): full retirement age by
/// birth year (42 U.S.C. 416(l)), the reduction for claiming early (42 U.S.C. 402(q)(1), (q)(9)) and the delayed
/// retirement credit for claiming late (42 U.S.C. 402(w)); SSA, "Early or late retirement"
/// (https://www.ssa.gov/benefits/retirement/planner/agereduction.html, /delayret.html). docs/model.md section 11.
/// </summary>
/// <remarks>
/// Ages are counted in whole months. Factors are computed as one exact integer numerator over 7,200 (the least
/// common denominator of 5/9 %, 5/12 % and every delayed-credit rate in 1/24 % steps), so the tabulated values
/// come out as the nearest double (FRA 67 claiming at 62: 5,040 / 7,200 = 0.7 exactly as the literal 0.7).
/// SSA's rounding of monthly benefits down to the dime and the dollar is not modelled.
/// </remarks>
public static class SocialSecurityBenefit
{
    /// <summary>Earliest claiming age for retirement benefits, in months (62; 42 U.S.C. 416(l)(2)).</summary>
    public const int EarliestClaimMonths = 62 * 12;

    /// <summary>Age after which no further delayed retirement credit is earned, in months (70; 402(w)(2)(A)).</summary>
    public const int LatestCreditMonths = 70 * 12;

    /// <summary>Denominator of every factor numerator (see remarks).</summary>
    private const int Denominator = 7200;

    /// <summary>
    /// Full retirement age in months for a worker born in <paramref name="birthYear"/> (42 U.S.C. 416(l)(1), SSA
    /// "Retirement age calculator"): 1937 and earlier 65; 1938-1942 65 and 2, 4, 6, 8, 10 months; 1943-1954 66;
    /// 1955-1959 66 and 2, 4, 6, 8, 10 months; 1960 and later 67. (SSA treats a January 1 birthday as the previous
    /// year; with the model's July 1 birthdays that never arises.)
    /// </summary>
    public static int FullRetirementAgeMonths(int birthYear) => birthYear switch
    {
        <= 1937 => 65 * 12,
        <= 1942 => 65 * 12 + 2 * (birthYear - 1937),
        <= 1954 => 66 * 12,
        <= 1959 => 66 * 12 + 2 * (birthYear - 1954),
        _ => 67 * 12,
    };

    /// <summary>
    /// The delayed retirement credit per month after full retirement age, in 1/24 of 1 % (42 U.S.C. 402(w)(6), by
    /// the year the worker attains 62, i.e. <c>birthYear + 62</c>): before 1979 2 (1/12 %); 1979-1986 6 (1/4 %);
    /// then +1 every two years, 1987-1988 7 (7/24 %) ... 2003-2004 15 (5/8 %); after 2004 16 (2/3 %, 8 % a year:
    /// every worker born 1943 or later).
    /// </summary>
    public static int DelayedCreditPer24thPercent(int birthYear)
    {
        var yearAttaining62 = birthYear + 62;
        return yearAttaining62 switch
        {
            < 1979 => 2,
            <= 1986 => 6,
            <= 2004 => 7 + (yearAttaining62 - 1987) / 2,
            _ => 16,
        };
    }

    /// <summary>
    /// Benefit as a fraction of the PIA when claimed at <paramref name="claimAgeMonths"/>. For m months before full
    /// retirement age: <c>1 − (5/9 %)·min(m, 36) − (5/12 %)·max(m − 36, 0)</c> (402(q)(1) and (q)(9)); for m months
    /// after: <c>1 + credit·m</c>, with no credit for months after 70 (402(w)).
    /// </summary>
    /// <param name="birthYear">The owner's birth year (drives full retirement age and the credit rate).</param>
    /// <param name="claimAgeMonths">Age at the first benefit month, in months (62·12 to 70·12 in a scenario).</param>
    public static double Factor(int birthYear, int claimAgeMonths)
    {
        var fra = FullRetirementAgeMonths(birthYear);
        int numerator;
        if (claimAgeMonths <= fra)
        {
            var early = fra - claimAgeMonths;
            // 5/9 % = 40/7200, 5/12 % = 30/7200.
            numerator = Denominator - 40 * Math.Min(early, 36) - 30 * Math.Max(early - 36, 0);
        }
        else
        {
            var late = Math.Min(claimAgeMonths, LatestCreditMonths) - fra;
            // n/24 % = 3n/7200.
            numerator = Denominator + 3 * DelayedCreditPer24thPercent(birthYear) * Math.Max(late, 0);
        }

        return (double)numerator / Denominator;
    }

    /// <summary>
    /// Benefits paid in a year, nominal: <c>pia · factor · months · index</c>, with <paramref name="pia"/> the
    /// monthly PIA in today's dollars and <paramref name="index"/> the path's inflation index on January 1 of the
    /// year (the cost-of-living adjustment, 42 U.S.C. 415(i), follows the path's inflation). docs/model.md section 11.
    /// </summary>
    public static double Annual(double pia, double factor, int months, double index) => pia * factor * months * index;
}
