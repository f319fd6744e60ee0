namespace Sim.Engine.Scenarios.Parsing;

/// <summary>
/// Rules that tie fields of different sections together (ages, horizon, loans within employment years) and the
/// warnings. Each rule runs only when none of its fields already has an error, so one mistake is reported once.
/// </summary>
internal static class CrossFieldRules
{
    private const string BirthYear = "$.participant.birthYear";
    private const string StartYear = "$.simulation.startYear";
    private const string RetirementAge = "$.participant.retirementAge";
    private const string EndAge = "$.participant.endAge";

    public static void Check(Scenario s, IssueCollector issues)
    {
        var p = s.Participant;
        var ageAtStart = s.AgeIn(s.FirstYear);
        var agesOk = issues.AllOk(BirthYear, StartYear);

        if (agesOk && ageAtStart < ParticipantSection.MinAge)
        {
            issues.Error(BirthYear,
                $"the participant is {ageAtStart} in startYear {s.FirstYear}; must be at least {ParticipantSection.MinAge}");
            agesOk = false;
        }

        if (issues.AllOk(EndAge, RetirementAge) && p.EndAge < p.RetirementAge)
        {
            issues.Error(EndAge, $"must be >= retirementAge ({p.RetirementAge}), got {p.EndAge}");
        }
        else if (agesOk && issues.AllOk(EndAge) && ageAtStart > p.EndAge)
        {
            issues.Error(EndAge,
                $"the participant is already {ageAtStart} in startYear {s.FirstYear}, past endAge {p.EndAge}: nothing to simulate");
        }

        CheckSpouse(s, issues);
        CheckAccount(s, issues);
        CheckContributions(s, issues);
        if (agesOk && issues.AllOk(RetirementAge, EndAge))
        {
            CheckLoans(s, ageAtStart, issues);
            WarnAboutShocks(s, ageAtStart, issues);
            if (issues.AllOk("$.participant.salary", "$.contributions.deferralRate")
                && ageAtStart < p.RetirementAge && p.Salary == 0 && s.Contributions.DeferralRate > 0)
            {
                issues.Warning("$.participant.salary",
                    "salary is 0 (the default) but the participant works until retirementAge: no contributions will be made");
            }
        }

        if (issues.AllOk("$.employer.vesting") && !VestingRules.MeetsLegalMaximum(s.Employer.Vesting))
        {
            issues.Warning("$.employer.vesting",
                "slower than the law allows (at most a 3-year cliff, or 2-to-6-year graded 20/40/60/80/100%; "
                + "IRC 411(a)(2)(B)); simulated as given");
        }
    }

    private static void CheckSpouse(Scenario s, IssueCollector issues)
    {
        const string path = "$.participant.spouse.birthYear";
        if (s.Participant.Spouse is not { } spouse || !issues.AllOk(path, StartYear))
        {
            return;
        }

        var age = s.FirstYear - spouse.BirthYear;
        if (age < ParticipantSection.MinAge || age > Participant.MaxEndAge)
        {
            issues.Error(path,
                $"the spouse is {age} in startYear {s.FirstYear}; must be between {ParticipantSection.MinAge} and {Participant.MaxEndAge}");
        }
    }

    private static void CheckAccount(Scenario s, IssueCollector issues)
    {
        var a = s.Account;
        if (issues.AllOk("$.account.employerBalance", "$.account.pretaxBalance") && a.EmployerBalance > a.PretaxBalance)
        {
            issues.Error("$.account.employerBalance",
                $"is the employer-source part of pretaxBalance, so must be <= pretaxBalance ({NumberRange.Format(a.PretaxBalance)}), "
                + $"got {NumberRange.Format(a.EmployerBalance)}");
        }

        const string first = "$.account.rothFirstContributionYear";
        if (a.RothFirstContributionYear is { } y && issues.AllOk(first, StartYear) && y > s.FirstYear)
        {
            issues.Error(first,
                $"must be <= startYear ({s.FirstYear}): leave it out when the first Roth deferral is still to come, got {y}");
        }
    }

    private static void CheckContributions(Scenario s, IssueCollector issues)
    {
        const string path = "$.contributions.rothShare";
        if (issues.AllOk(path, "$.contributions.rothAvailable") && !s.Contributions.RothAvailable
            && s.Contributions.RothShare > 0)
        {
            issues.Error(path,
                $"must be 0 when rothAvailable is false (the plan has no Roth option), got {NumberRange.Format(s.Contributions.RothShare)}");
        }
    }

    /// <summary>A loan is taken while employed: at an age from the age at startYear to retirementAge - 1.</summary>
    private static void CheckLoans(Scenario s, int ageAtStart, IssueCollector issues)
    {
        var r = s.Participant.RetirementAge;
        for (var i = 0; i < s.Loans.Count; i++)
        {
            var path = $"$.loans[{i}].age";
            var age = s.Loans[i].Age;
            if (!issues.AllOk(path) || (age >= ageAtStart && age < r))
            {
                continue;
            }

            issues.Error(path, ageAtStart >= r
                ? $"no employment years to take a loan in: the participant is {ageAtStart} in startYear and retirementAge is {r}"
                : $"a loan is taken while employed: must be between {ageAtStart} (age in startYear) and {r - 1} (retirementAge - 1), got {age}");
        }
    }

    /// <summary>A shock outside the simulated years is legal (an overlay meant for another plan) but has no effect.</summary>
    private static void WarnAboutShocks(Scenario s, int ageAtStart, IssueCollector issues)
    {
        var milestones = Milestones.Of(s);
        for (var i = 0; i < s.Returns.Shocks.Count; i++)
        {
            var shock = s.Returns.Shocks[i];
            var path = $"$.returns.shocks[{i}]";
            if (!issues.AllOk(path) || shock is { Age: null, YearsAfterRetirement: null, Year: null })
            {
                continue;
            }

            int? year = milestones.ShockYear(shock);
            if (shock.YearsAfterRetirement is { } n && milestones.RetiredAtStart)
            {
                issues.Warning(path,
                    $"the participant is already retired in startYear {s.FirstYear}: yearsAfterRetirement counts from startYear, so {n} is {year}");
            }

            if (year is { } y2 && (y2 < s.FirstYear || y2 > s.LastYear))
            {
                issues.Warning(path,
                    $"falls in {y2}, outside the simulated years {s.FirstYear}-{s.LastYear} (ages {ageAtStart}-{s.Participant.EndAge}); it has no effect");
            }
        }
    }
}
