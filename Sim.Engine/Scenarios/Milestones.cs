using Sim.Engine.Rules;

namespace Sim.Engine.Scenarios;

/// <summary>
/// The calendar years a scenario's life turns on, computed once (docs/model.md, "Milestones"): whether the
/// participant is already retired at startYear, the separation year, the first distribution year, the first RMD
/// year and the year a shock hits. The validator, the shock plan, the year plan and the chart all read them from
/// here, so they cannot disagree.
/// </summary>
public sealed record Milestones
{
    private Milestones(Scenario s)
    {
        var p = s.Participant;
        FirstYear = s.FirstYear;
        BirthYear = p.BirthYear;
        RetirementYear = p.BirthYear + p.RetirementAge;
        RetiredAtStart = s.AgeIn(s.FirstYear) >= p.RetirementAge;
        FirstDistributionYear = Math.Max(s.FirstYear, RetirementYear);
        FirstRmdYear = RequiredMinimumDistributions.FirstRmdYear(p.BirthYear, p.RetirementAge, p.FivePercentOwner);
    }

    /// <summary>The milestones of <paramref name="scenario"/>.</summary>
    public static Milestones Of(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new Milestones(scenario);
    }

    /// <summary>startYear (step 0).</summary>
    public int FirstYear { get; }

    public int BirthYear { get; }

    /// <summary>The year the participant attains retirementAge (may lie before startYear).</summary>
    public int RetirementYear { get; }

    /// <summary>Age at startYear ≥ retirementAge: no employment year is simulated; employer money counts as vested
    /// (docs/model.md section 1) and separation does not happen within the simulation.</summary>
    public bool RetiredAtStart { get; }

    /// <summary>The year of separation from the employer (January 1 of the retirement year); null when the
    /// participant is already retired at startYear.</summary>
    public int? SeparationYear => RetiredAtStart ? null : RetirementYear;

    /// <summary>The last employment year, at whose end forfeiture happens; null when already retired.</summary>
    public int? LastEmploymentYear => SeparationYear - 1;

    /// <summary>The first distribution year: the retirement year, or startYear when already retired.</summary>
    public int FirstDistributionYear { get; }

    /// <summary>The first RMD year (IRC 401(a)(9), see <see cref="RequiredMinimumDistributions.FirstRmdYear"/>).</summary>
    public int FirstRmdYear { get; }

    /// <summary>The age attained in the first RMD year.</summary>
    public int FirstRmdAge => FirstRmdYear - BirthYear;

    /// <summary>
    /// The calendar year a shock hits: birthYear + age; the first distribution year + n for yearsAfterRetirement
    /// (0 = the retirement year, or startYear for a participant already retired at startYear); or the year itself.
    /// </summary>
    public int ShockYear(Shock shock)
    {
        ArgumentNullException.ThrowIfNull(shock);
        return shock switch
        {
            { Age: int age } => BirthYear + age,
            { YearsAfterRetirement: int n } => FirstDistributionYear + n,
            { Year: int year } => year,
            _ => throw new ArgumentException("a shock needs one of age, yearsAfterRetirement or year"),
        };
    }
}
