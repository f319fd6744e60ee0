namespace Sim.Engine.Scenarios.Parsing;

/// <summary><c>$.employer</c>: match tiers, non-elective contribution, vesting.</summary>
internal static class EmployerSection
{
    public const int MaxMatchTiers = 20;
    public const int MaxVestingYears = 50;

    /// <summary>A match rate above 5 (500% of the deferral) is not a real plan; most likely a percentage typed as a
    /// whole number.</summary>
    public const double MaxMatchRate = 5;

    public static readonly string[] Fields = ["match", "nonElective", "vesting", "safeHarborVested"];
    public static readonly string[] TierFields = ["rate", "upTo"];
    public static readonly string[] VestingFields = ["type", "years", "schedule"];

    public static Employer Read(JsonObjectReader? o, IssueCollector issues)
    {
        var d = new Employer();
        if (o is null)
        {
            return d;
        }

        return new Employer
        {
            Match = ReadMatch(o, issues) ?? d.Match,
            NonElective = o.Number("nonElective", d.NonElective, NumberRange.Fraction),
            Vesting = ReadVesting(o.Section("vesting", VestingFields), issues),
            SafeHarborVested = o.Boolean("safeHarborVested", d.SafeHarborVested),
        };
    }

    /// <summary>Tiers [{rate, upTo}], upTo strictly increasing in (0, 1]. An empty list means no match.</summary>
    private static IReadOnlyList<MatchTier>? ReadMatch(JsonObjectReader o, IssueCollector issues)
    {
        var items = o.Array("match", MaxMatchTiers);
        if (items is null)
        {
            return null;
        }

        var tiers = new List<MatchTier>();
        double? previousUpTo = null;
        foreach (var (e, path) in items)
        {
            var t = JsonObjectReader.Open(e, path, issues, TierFields);
            if (t is null)
            {
                previousUpTo = null;
                continue;
            }

            t.Require("rate");
            t.Require("upTo");
            var rate = t.OptionalNumber("rate", NumberRange.Between(0, MaxMatchRate));
            var upTo = t.OptionalNumber("upTo", new NumberRange(0, 1, MinExclusive: true));
            if (upTo is { } u && previousUpTo is { } p && u <= p)
            {
                issues.Error(t.PathOf("upTo"),
                    $"tiers must have increasing upTo: {NumberRange.Format(u)} is not above the previous tier's {NumberRange.Format(p)}");
            }

            previousUpTo = upTo;
            tiers.Add(new MatchTier(rate ?? 0, upTo ?? 0));
        }

        return tiers;
    }

    private static VestingSchedule ReadVesting(JsonObjectReader? v, IssueCollector issues)
    {
        if (v is null)
        {
            return new VestingSchedule();
        }

        var type = v.Enum("type", VestingType.Immediate);
        var typeName = ScenarioEnumNames.ToJson(type);
        var years = 0;
        IReadOnlyList<double> schedule = [];
        switch (type)
        {
            case VestingType.Cliff:
                if (v.Require("years"))
                {
                    years = v.Integer("years", 0, NumberRange.Between(0, MaxVestingYears));
                }

                v.WarnIgnored("schedule", "when type is cliff (schedule is for graded)");
                break;
            case VestingType.Graded:
                if (v.Require("schedule"))
                {
                    schedule = ReadSchedule(v, issues);
                }

                v.WarnIgnored("years", "when type is graded (years is for cliff)");
                break;
            default:
                v.WarnIgnored("years", $"when type is {typeName}");
                v.WarnIgnored("schedule", $"when type is {typeName}");
                break;
        }

        return new VestingSchedule { Type = type, Years = years, Schedule = schedule };
    }

    /// <summary>schedule[i] = vested fraction after i completed years: each in [0, 1], never decreasing.</summary>
    private static IReadOnlyList<double> ReadSchedule(JsonObjectReader v, IssueCollector issues)
    {
        var items = v.Array("schedule", MaxVestingYears + 1);
        if (items is null)
        {
            return [];
        }

        if (items.Count == 0)
        {
            issues.Error(v.PathOf("schedule"), "must list at least one vested fraction");
            return [];
        }

        var values = new List<double>();
        double? previous = null;
        foreach (var (e, path) in items)
        {
            var x = JsonObjectReader.ReadNumber(e, path, issues, NumberRange.Fraction);
            if (x is { } f && previous is { } p && f < p)
            {
                issues.Error(path,
                    $"vested fractions must not decrease: {NumberRange.Format(f)} after {NumberRange.Format(p)}");
            }

            previous = x ?? previous;
            values.Add(x ?? 0);
        }

        return values;
    }
}
