namespace Sim.Engine.Rules;

/// <summary>
/// Required minimum distributions during the participant's life (IRC 401(a)(9); Treas. Reg. 1.401(a)(9)-5 and -9;
/// spec 6 and 12). Ages are whole ages attained in the calendar year, with birthdays on July 1 (spec 1).
/// </summary>
public static class RequiredMinimumDistributions
{
    /// <summary>
    /// The applicable age, as the whole age attained in the first RMD year (IRC 401(a)(9)(C)(v) as amended by
    /// SECURE 2.0 §107; SECURE Act §114 for 72): born before July 1, 1949 → 70½, which with a July 1 birthday is
    /// reached on January 1 of the year of age 71, so 71; born 1949-1950 → 72; 1951-1959 → 73; 1960 or later → 75.
    /// </summary>
    public static int ApplicableAge(int birthYear) => birthYear switch
    {
        <= 1948 => 71,
        <= 1950 => 72,
        <= 1959 => 73,
        _ => 75,
    };

    /// <summary>
    /// The first distribution calendar year: the year the applicable age is attained or, if later, the year of
    /// separation (the still-working exception of IRC 401(a)(9)(C)(i)(II), which does not apply to 5% owners,
    /// 401(a)(9)(C)(ii)(I)). Separation is on January 1 of the year the participant attains
    /// <paramref name="retirementAge"/>, so that year is <c>birthYear + retirementAge</c>.
    /// </summary>
    public static int FirstRmdYear(int birthYear, int retirementAge, bool fivePercentOwner)
    {
        int ageYear = birthYear + ApplicableAge(birthYear);
        return fivePercentOwner ? ageYear : Math.Max(ageYear, birthYear + retirementAge);
    }

    /// <summary>
    /// The divisor for the year (Treas. Reg. 1.401(a)(9)-5(c)): the Uniform Lifetime Table at the participant's age;
    /// when the spouse is the sole designated beneficiary and more than 10 years younger, the Joint and Last Survivor
    /// Table at both ages if that is larger (by construction it always is).
    /// </summary>
    /// <param name="age">Participant's age in the year (≥ 10).</param>
    /// <param name="spouseAge">Spouse's age in the year, or null without a spouse.</param>
    /// <param name="spouseSoleBeneficiary">Whether the spouse is the sole designated beneficiary.</param>
    public static double Divisor(int age, int? spouseAge, bool spouseSoleBeneficiary)
    {
        double uniform = RmdTables.UniformLifetime(age);
        if (spouseSoleBeneficiary && spouseAge is int s && age - s > 10)
        {
            return Math.Max(uniform, RmdTables.JointLastSurvivor(age, Math.Max(0, s)));
        }

        return uniform;
    }

    /// <summary>
    /// Whether designated Roth accounts in a 401(k) are subject to lifetime RMDs in <paramref name="year"/>: yes
    /// through 2023, no from 2024 (IRC 402A(d) as amended by SECURE 2.0 §325).
    /// </summary>
    public static bool RothSubjectToLifetimeRmd(int year) => year < 2024;
}
