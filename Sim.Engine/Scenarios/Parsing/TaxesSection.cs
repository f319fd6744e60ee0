namespace Sim.Engine.Scenarios.Parsing;

/// <summary><c>$.taxes</c>: flat effective rate or federal brackets, plus penalty exceptions.</summary>
internal static class TaxesSection
{
    public static readonly string[] Fields = ["method", "rate", "filingStatus", "otherIncome", "exceptions"];

    /// <param name="o">The section, or null when absent.</param>
    /// <param name="issues">Where errors and warnings go.</param>
    /// <param name="socialSecurity">The scenario has a Social Security stream: the filing status then picks the
    /// IRC 86 thresholds even with a flat rate (docs/model.md section 11).</param>
    public static Taxes Read(JsonObjectReader? o, IssueCollector issues, bool socialSecurity = false)
    {
        var d = new Taxes();
        if (o is null)
        {
            return d;
        }

        var method = o.Enum("method", d.Method);
        var when = $"when method is {ScenarioEnumNames.ToJson(method)}";
        if (method == TaxMethod.Flat)
        {
            if (!socialSecurity)
            {
                o.WarnIgnored("filingStatus", when);
            }

            o.WarnIgnored("otherIncome", when + " (a flat rate applies to the withdrawal alone)");
        }
        else
        {
            o.WarnIgnored("rate", when);
        }

        return new Taxes
        {
            Method = method,
            Rate = o.Number("rate", d.Rate, NumberRange.Fraction),
            FilingStatus = o.Enum("filingStatus", d.FilingStatus),
            OtherIncome = o.Number("otherIncome", d.OtherIncome, NumberRange.Money),
            Exceptions = ReadExceptions(o, issues),
        };
    }

    private static IReadOnlyList<PenaltyException> ReadExceptions(JsonObjectReader o, IssueCollector issues)
    {
        var items = o.Array("exceptions", 10);
        if (items is null)
        {
            return [];
        }

        var list = new List<PenaltyException>();
        foreach (var (e, path) in items)
        {
            if (JsonObjectReader.ReadEnum<PenaltyException>(e, path, issues) is not { } x)
            {
                continue;
            }

            if (list.Contains(x))
            {
                issues.Error(path, $"\"{ScenarioEnumNames.ToJson(x)}\" is listed twice");
                continue;
            }

            list.Add(x);
        }

        return list;
    }
}
