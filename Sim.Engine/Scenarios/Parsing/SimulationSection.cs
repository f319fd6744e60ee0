namespace Sim.Engine.Scenarios.Parsing;

/// <summary><c>$.simulation</c>: paths, seed, startYear, percentiles.</summary>
internal static class SimulationSection
{
    public const int FirstSupportedYear = 2022;
    public const int LastSupportedYear = 2100;
    public const int MaxPercentiles = 99;

    public static readonly string[] Fields = ["paths", "seed", "startYear", "percentiles"];

    public static SimulationSettings Read(JsonObjectReader? o, IssueCollector issues, int defaultStartYear)
    {
        var startYearRange = NumberRange.Between(FirstSupportedYear, LastSupportedYear);
        if (o is null || !o.Contains("startYear"))
        {
            // The caller's clock year stands in for a missing startYear; it must still be supported.
            if (!startYearRange.Contains(defaultStartYear))
            {
                issues.Error("$.simulation.startYear",
                    $"missing, and the default (the current year, {defaultStartYear}) is outside the supported range; "
                    + $"{startYearRange.Describe()}");
            }

            if (o is null)
            {
                return new SimulationSettings { StartYear = defaultStartYear };
            }
        }

        return new SimulationSettings
        {
            Paths = o.Integer("paths", SimulationSettings.DefaultPaths,
                NumberRange.Between(1, SimulationSettings.MaxPaths)),
            Seed = o.UnsignedInteger("seed", SimulationSettings.DefaultSeed),
            StartYear = o.Integer("startYear", defaultStartYear, startYearRange),
            Percentiles = ReadPercentiles(o, issues) ?? SimulationSettings.DefaultPercentiles,
        };
    }

    private static IReadOnlyList<double>? ReadPercentiles(JsonObjectReader o, IssueCollector issues)
    {
        var items = o.Array("percentiles", MaxPercentiles);
        if (items is null)
        {
            return null;
        }

        if (items.Count == 0)
        {
            issues.Error(o.PathOf("percentiles"), "must list at least one percentile");
            return null;
        }

        var values = new List<double>();
        var seen = new HashSet<double>();
        foreach (var (e, path) in items)
        {
            if (JsonObjectReader.ReadNumber(e, path, issues, new NumberRange(0, 100, MinExclusive: true, MaxExclusive: true))
                is not { } p)
            {
                continue;
            }

            if (!seen.Add(p))
            {
                issues.Error(path, $"duplicate percentile {NumberRange.Format(p)}");
                continue;
            }

            values.Add(p);
        }

        // Output is sorted by percentile; the order in the file does not matter.
        values.Sort();
        return values;
    }
}
