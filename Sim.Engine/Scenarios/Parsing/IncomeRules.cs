using Sim.Engine.Rules;

namespace Sim.Engine.Scenarios.Parsing;

/// <summary>
/// Rules tying <c>$.income</c> and <c>$.separation</c> to the participant and the horizon: a spouse-owned stream
/// needs a spouse, a stream must start by the last simulated year, a rollover needs a separation still to come.
/// Like <see cref="CrossFieldRules"/>, each runs only when none of its fields already has an error.
/// </summary>
internal static class IncomeRules
{
    private const string BirthYear = "$.participant.birthYear";
    private const string SpouseBirthYear = "$.participant.spouse.birthYear";
    private const string StartYear = "$.simulation.startYear";
    private const string RetirementAge = "$.participant.retirementAge";
    private const string EndAge = "$.participant.endAge";

    public static void Check(Scenario s, IssueCollector issues)
    {
        for (var i = 0; i < s.Income.Count; i++)
        {
            CheckStream(s, s.Income[i], $"$.income[{i}]", issues);
        }

        CheckSeparation(s, issues);
    }

    private static void CheckStream(Scenario s, IncomeStream stream, string path, IssueCollector issues)
    {
        var ownerPath = $"{path}.owner";
        if (!issues.AllOk(ownerPath))
        {
            return;
        }

        int ownerBirthYear;
        string ownerBirthPath;
        if (stream.Owner == IncomeOwner.Spouse)
        {
            if (s.Participant.Spouse is not { } spouse)
            {
                if (issues.AllOk("$.participant.spouse"))
                {
                    issues.Error(ownerPath,
                        "\"spouse\" needs participant.spouse (its birthYear drives the stream's ages); add it or use \"participant\"");
                }

                return;
            }

            ownerBirthYear = spouse.BirthYear;
            ownerBirthPath = SpouseBirthYear;
        }
        else
        {
            ownerBirthYear = s.Participant.BirthYear;
            ownerBirthPath = BirthYear;
        }

        var (field, what) = stream switch
        {
            SocialSecurityIncome { ClaimAgeMonths: null } => ((string?)null, "benefits (claimed at full retirement age)"),
            SocialSecurityIncome => ("claimAge", "benefits"),
            _ => ("startAge", "the pension"),
        };
        var agePath = field is null ? path : $"{path}.{field}";
        if (!issues.AllOk(agePath, ownerBirthPath, BirthYear, EndAge, StartYear))
        {
            return;
        }

        var startMonths = stream.FirstPaymentAgeMonths(ownerBirthYear);
        var firstYear = PaymentMonths.FirstYear(ownerBirthYear, startMonths);
        if (firstYear > s.LastYear)
        {
            issues.Error(agePath,
                $"{what} would start in {firstYear} (owner's age {FormatAge(startMonths)}), after the last simulated year "
                + $"{s.LastYear} (the participant's endAge {s.Participant.EndAge}): the stream would pay nothing; "
                + "start it earlier or raise endAge");
        }
    }

    private static void CheckSeparation(Scenario s, IssueCollector issues)
    {
        const string action = "$.separation.action";
        if (!s.Separation.IsRollover || !issues.AllOk(action, BirthYear, StartYear, RetirementAge))
        {
            return;
        }

        // Separation is within the simulation only when the participant is still employed at startYear (Milestones,
        // the one owner of that fact); otherwise the balance is already wherever it was left.
        if (Milestones.Of(s).SeparationYear is null)
        {
            issues.Error(action,
                $"a rollover happens at separation (January 1 of the year of retirementAge {s.Participant.RetirementAge}), "
                + $"but the participant is {s.AgeIn(s.FirstYear)} in startYear {s.FirstYear}, already retired: there is no "
                + "separation left to act on; use \"stay\"");
        }
    }

    /// <summary>"67", "66 and 6 months".</summary>
    private static string FormatAge(int months) =>
        months % 12 == 0 ? $"{months / 12}" : $"{months / 12} and {months % 12} month{(months % 12 == 1 ? "" : "s")}";
}
