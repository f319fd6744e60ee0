using Sim.Engine.Simulation.Policies;
using System.Text.Json;

namespace Sim.Engine.Scenarios.Parsing;

/// <summary><c>$.income</c>: Social Security and pension streams (docs/model.md section 11). Rules that need the
/// participant or the horizon are in <see cref="IncomeRules"/>.</summary>
internal static class IncomeSection
{
    public const int MaxStreams = 20;

    /// <summary>Whole months are accepted within this many months, so 66.0833 reads as 66 years 1 month.</summary>
    public const double MonthTolerance = 0.01;

    /// <summary>Above this monthly PIA the figure is probably annual: the largest PIA at full retirement age was
    /// $4,018 a month in 2025 (SSA, "Maximum Social Security benefit").</summary>
    public const double SuspiciousPia = 5_000;

    /// <summary>10% a year: far above any pension's fixed increase, low enough to catch "3" meant as 3%.</summary>
    public const double MaxFixedCola = 0.10;

    private static readonly NumberRange ClaimAgeRange = NumberRange.Between(62, 70);
    private static readonly NumberRange StartAgeRange = NumberRange.Between(0, Participant.MaxEndAge);

    public static IReadOnlyList<IncomeStream> Read(IReadOnlyList<(JsonElement Element, string Path)>? items,
        IssueCollector issues)
    {
        if (items is null)
        {
            return [];
        }

        var streams = new List<IncomeStream>();
        foreach (var (e, path) in items)
        {
            if (ReadStream(e, path, issues) is { } s)
            {
                streams.Add(s);
            }
        }

        return streams;
    }

    private static IncomeStream? ReadStream(JsonElement e, string path, IssueCollector issues)
    {
        // The type decides which fields are allowed (IncomeStreams, the one registry); peek at it so unknown names
        // are judged against its list.
        var entry = e.ValueKind == JsonValueKind.Object && e.TryGetProperty("type", out var t)
                    && t.ValueKind == JsonValueKind.String
            ? IncomeStreams.ByName(t.GetString()!)
            : null;
        var o = JsonObjectReader.Open(e, path, issues, entry?.Fields ?? IncomeStreams.AllFields);
        if (o is null || !o.Require("type"))
        {
            return null;
        }

        if (entry is null)
        {
            var got = o.Raw("type");
            var names = IncomeStreams.Names;
            var hint = got.ValueKind == JsonValueKind.String && NameSuggestions.Closest(got.GetString()!, names) is { } meant
                ? $" (did you mean \"{meant}\"?)"
                : "";
            var value = got.ValueKind == JsonValueKind.String ? $"\"{got.GetString()}\"" : JsonObjectReader.Describe(got);
            issues.Error(o.PathOf("type"), $"must be one of {string.Join(", ", names)}, got {value}{hint}");
            return null;
        }

        return (IncomeStream)entry.Read(o);
    }

    /// <summary>The fields every stream has.</summary>
    internal static IncomeOwner ReadOwner(JsonObjectReader o) => o.Enum("owner", IncomeOwner.Participant);

    /// <summary>socialSecurity: pia (required, monthly; a yearly-looking figure is a warning) and claimAge.</summary>
    internal static SocialSecurityIncome ReadSocialSecurity(JsonObjectReader o)
    {
        var issues = o.Issues;
        o.Require("pia");
        var pia = o.Number("pia", 0, NumberRange.Money);
        if (issues.AllOk(o.PathOf("pia")) && pia > SuspiciousPia)
        {
            issues.Warning(o.PathOf("pia"),
                $"pia is the monthly benefit at full retirement age; {NumberRange.Format(pia)} is above any the SSA pays "
                + "(the largest was $4,018 a month in 2025): is it a yearly figure?");
        }

        return new SocialSecurityIncome
        {
            Owner = ReadOwner(o),
            Pia = pia,
            ClaimAgeMonths = ReadAgeInMonths(o, "claimAge", ClaimAgeRange, "62 to 70", issues),
        };
    }

    /// <summary>pension: annual and startAge (required), cola.</summary>
    internal static PensionIncome ReadPension(JsonObjectReader o)
    {
        var issues = o.Issues;
        o.Require("annual");
        o.Require("startAge");
        return new PensionIncome
        {
            Owner = ReadOwner(o),
            Annual = o.Number("annual", 0, NumberRange.Money),
            StartAgeMonths = ReadAgeInMonths(o, "startAge", StartAgeRange, $"0 to {Participant.MaxEndAge}", issues)
                ?? new PensionIncome().StartAgeMonths,
            Cola = ReadCola(o, issues),
        };
    }

    /// <summary>An age in years that must be a whole number of months (66.5 = 66 years 6 months); null when
    /// missing or invalid (with an error).</summary>
    private static int? ReadAgeInMonths(JsonObjectReader o, string name, NumberRange range, string span,
        IssueCollector issues)
    {
        if (o.OptionalNumber(name, range) is not { } years)
        {
            return null;
        }

        var months = years * 12;
        var whole = Math.Round(months);
        if (Math.Abs(months - whole) > MonthTolerance)
        {
            issues.Error(o.PathOf(name),
                $"must be a whole number of months: {span} in steps of 1/12 (66 years 1 month = 66.0833, 67 years 6 months = 67.5), got {NumberRange.Format(years)}");
            return null;
        }

        return (int)whole;
    }

    /// <summary>"inflation", "none" or a fixed yearly rate between 0 and 0.10; default "none".</summary>
    private static PensionCola ReadCola(JsonObjectReader o, IssueCollector issues)
    {
        if (!o.Contains("cola"))
        {
            return PensionCola.None;
        }

        var path = o.PathOf("cola");
        var allowed = $"must be \"inflation\", \"none\" or a fixed yearly increase between 0 and {NumberRange.Format(MaxFixedCola)}";
        var raw = o.Raw("cola");
        switch (raw.ValueKind)
        {
            case JsonValueKind.String when raw.GetString() == "inflation":
                return PensionCola.Inflation;
            case JsonValueKind.String when raw.GetString() == "none":
                return PensionCola.None;
            case JsonValueKind.Number:
                return JsonObjectReader.ReadNumber(raw, path, issues, NumberRange.Between(0, MaxFixedCola)) is { } rate
                    ? PensionCola.Fixed(rate)
                    : PensionCola.None;
            default:
                issues.Error(path, $"{allowed}, got {JsonObjectReader.Describe(raw)}");
                return PensionCola.None;
        }
    }

}
