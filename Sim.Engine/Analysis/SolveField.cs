using Sim.Engine.Scenarios;

namespace Sim.Engine.Analysis;

/// <summary>Which end of a field's range an advisor wants: the most spending (or fee) the plan can bear, or the
/// least saving (or the earliest age) that still gets there.</summary>
public enum Best
{
    /// <summary>The largest value that meets the target (spending, expense ratio): success falls as it grows.</summary>
    Largest,

    /// <summary>The smallest value that meets the target (deferral rate, retirement age): success rises as it grows.</summary>
    Smallest,
}

/// <summary>
/// A scenario field a solve can search, as a small named setter: its JSON path, resolution, valid range, which end
/// is best, and how to read and write it on a <see cref="Scenario"/>. <see cref="SolveFields"/> lists them; a new
/// field is one entry there.
/// </summary>
/// <param name="Name">The JSON path without <c>$.</c>, e.g. <c>withdrawals.amount</c>.</param>
/// <param name="Kind">How the value is shown: money, rate or age.</param>
/// <param name="Resolution">The answer's step ($1, 0.0001, 1 year, 1/12 year).</param>
/// <param name="Best">Which end of the range is best.</param>
/// <param name="NotApplicable">Null when the field applies to the scenario, else why it does not.</param>
/// <param name="Range">The valid range for this scenario (inclusive).</param>
/// <param name="Current">The scenario's own value, or null when it has none (the search starts there).</param>
/// <param name="Set">The scenario with the field set to a value.</param>
public sealed record SolveField(
    string Name,
    ValueKind Kind,
    double Resolution,
    Best Best,
    Func<Scenario, string?> NotApplicable,
    Func<Scenario, (double Min, double Max)> Range,
    Func<Scenario, double?> Current,
    Func<Scenario, double, Scenario> Set);

/// <summary>How a field's values read.</summary>
public enum ValueKind
{
    /// <summary>Dollars a year in today's (startYear) dollars.</summary>
    Money,

    /// <summary>A fraction (0.04 = 4%).</summary>
    Rate,

    /// <summary>An age in years.</summary>
    Age,
}

/// <summary>The fields of spec section 16 that exist in this scenario contract.</summary>
public static class SolveFields
{
    /// <summary>The largest spending a search will try ($1 billion a year): the range's top for money fields.</summary>
    public const double MaxMoney = 1_000_000_000;

    /// <summary>Money resolution: $1.</summary>
    public const double MoneyStep = 1;

    /// <summary>Rate resolution: 0.0001 (one hundredth of a percentage point).</summary>
    public const double RateStep = 0.0001;

    /// <summary>Age resolution for whole-year ages.</summary>
    public const double YearStep = 1;

    /// <summary>Every field, by name. Social Security claim ages (<c>income[i].claimAge</c>, 1/12 year) join here
    /// when the income section exists.</summary>
    public static IReadOnlyList<SolveField> All { get; } =
    [
        new("withdrawals.amount", ValueKind.Money, MoneyStep, Best.Largest,
            s => SpendsTarget(s) ? null : $"the {Strategy(s)} strategy has no amount (fixedReal, fixedNominal and guardrails do)",
            _ => (0, MaxMoney),
            s => s.Withdrawals.StartingTarget?.Amount,
            (s, v) => s with { Withdrawals = s.Withdrawals.WithAmount(v) }),
        new("withdrawals.need", ValueKind.Money, MoneyStep, Best.Largest,
            s => s.Withdrawals.Strategy is SpendingNeedStrategy ? null : $"the {Strategy(s)} strategy has no need (spendingNeed does)",
            _ => (0, MaxMoney),
            s => (s.Withdrawals.Strategy as SpendingNeedStrategy)?.Need,
            (s, v) => s with { Withdrawals = s.Withdrawals with { Strategy = new SpendingNeedStrategy { Need = v } } }),
        new("withdrawals.initialRate", ValueKind.Rate, RateStep, Best.Largest,
            s => !SpendsTarget(s) ? $"the {Strategy(s)} strategy has no initial rate (fixedReal, fixedNominal and guardrails do)"
                : s.Withdrawals.StartingTarget?.Amount is not null ? "withdrawals.amount is set and wins over initialRate: solve for withdrawals.amount"
                : null,
            _ => (0, 1),
            s => s.Withdrawals.StartingTarget?.InitialRate,
            (s, v) => s with { Withdrawals = s.Withdrawals.WithInitialRate(v) }),
        new("contributions.deferralRate", ValueKind.Rate, RateStep, Best.Smallest,
            s => WorkYears(s) ? null : NoWorkYears(s),
            _ => (0, 1),
            s => s.Contributions.DeferralRate,
            (s, v) => s with { Contributions = s.Contributions with { DeferralRate = v } }),
        new("participant.retirementAge", ValueKind.Age, YearStep, Best.Smallest,
            s => WorkYears(s) ? null : NoWorkYears(s),
            s => (EarliestRetirementAge(s), s.Participant.EndAge),
            s => s.Participant.RetirementAge,
            (s, v) => s with { Participant = s.Participant with { RetirementAge = (int)Math.Round(v) } }),
        new("fees.expenseRatio", ValueKind.Rate, RateStep, Best.Largest,
            _ => null,
            _ => (0, Scenarios.Parsing.FeesSection.MaxExpenseRatio),
            s => s.Fees.ExpenseRatio,
            (s, v) => s with { Fees = s.Fees with { ExpenseRatio = v } }),
    ];

    /// <summary>Claim-age resolution: one month.</summary>
    public const double MonthStep = 1.0 / 12;

    /// <summary>Social Security claim ages, spec 13: 62 to 70.</summary>
    public const double EarliestClaimAge = 62, LatestClaimAge = 70;

    /// <summary>The names as a person types them, with <c>income[i].claimAge</c> for each Social Security stream.</summary>
    public static IReadOnlyList<string> Names => [.. All.Select(f => f.Name), "income[i].claimAge"];

    /// <summary>The field of that name (including <c>income[i].claimAge</c>), or null.</summary>
    public static SolveField? Find(string name)
    {
        if (All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal)) is { } f)
        {
            return f;
        }

        const string prefix = "income[", suffix = "].claimAge";
        return name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(suffix, StringComparison.Ordinal)
               && int.TryParse(name.AsSpan(prefix.Length, name.Length - prefix.Length - suffix.Length),
                   System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int i)
            ? ClaimAge(i)
            : null;
    }

    /// <summary><c>income[i].claimAge</c>: the earliest claim age (in months) that meets the target (spec 13: 62 to 70).</summary>
    public static SolveField ClaimAge(int i) => new(
        $"income[{i}].claimAge", ValueKind.Age, MonthStep, Best.Smallest,
        s => SocialSecurity(s, i) is null ? $"income[{i}] is not a Social Security stream (the scenario has {s.Income.Count} income streams)" : null,
        _ => (EarliestClaimAge, LatestClaimAge),
        s => SocialSecurity(s, i) is { } ss ? ss.FirstPaymentAgeMonths(OwnerBirthYear(s, ss)) / 12.0 : null,
        (s, v) => WithClaimAge(s, i, v));

    /// <summary>The scenario with Social Security stream i claimed at <paramref name="age"/> (rounded to the month).</summary>
    public static Scenario WithClaimAge(Scenario s, int i, double age)
    {
        var income = s.Income.ToArray();
        income[i] = ((SocialSecurityIncome)income[i]) with { ClaimAgeMonths = (int)Math.Round(age * 12) };
        return s with { Income = income };
    }

    /// <summary>Stream i when it is Social Security, else null.</summary>
    public static SocialSecurityIncome? SocialSecurity(Scenario s, int i) => i >= 0 && i < s.Income.Count ? s.Income[i] as SocialSecurityIncome : null;

    /// <summary>The birth year of a stream's owner (the spouse's when the spouse owns it).</summary>
    public static int OwnerBirthYear(Scenario s, IncomeStream stream) =>
        stream.Owner == IncomeOwner.Spouse && s.Participant.Spouse is { } spouse ? spouse.BirthYear : s.Participant.BirthYear;

    /// <summary>fixedReal, fixedNominal and guardrails spend a target set by amount or initialRate (spec 7, 14).</summary>
    public static bool SpendsTarget(Scenario s) => s.Withdrawals.StartingTarget is not null;

    /// <summary>True when the participant still has employment years (age in startYear below retirementAge).</summary>
    public static bool WorkYears(Scenario s) => s.AgeIn(s.FirstYear) < s.Participant.RetirementAge;

    /// <summary>The earliest retirement age the scenario allows: not before startYear, and after every loan
    /// (a loan is taken while employed).</summary>
    public static int EarliestRetirementAge(Scenario s)
    {
        int earliest = Math.Max(s.AgeIn(s.FirstYear), Scenarios.Parsing.ParticipantSection.MinAge);
        foreach (var loan in s.Loans)
        {
            earliest = Math.Max(earliest, loan.Age + 1);
        }

        return earliest;
    }

    private static string NoWorkYears(Scenario s) =>
        $"the participant is already retired in startYear (age {s.AgeIn(s.FirstYear)}, retirementAge {s.Participant.RetirementAge})";

    private static string Strategy(Scenario s) => s.Withdrawals.Strategy.Name;
}
