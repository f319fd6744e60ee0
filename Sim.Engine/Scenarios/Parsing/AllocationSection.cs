namespace Sim.Engine.Scenarios.Parsing;

/// <summary><c>$.allocation</c>: fixed weights, the age-in-bonds glide path, or a table of (age, weights) points.</summary>
internal static class AllocationSection
{
    /// <summary>Weights must sum to 1 within this tolerance (spec 4).</summary>
    public const double WeightSumTolerance = 1e-9;

    public const int MaxPoints = 121;

    public static readonly string[] Fields = ["type", "weights", "offset", "cash", "reits", "points"];
    public static readonly string[] WeightFields = ["stocks", "bonds", "cash", "reits"];
    public static readonly string[] PointFields = ["age", "weights"];

    public static Allocation Read(JsonObjectReader? o, IssueCollector issues)
    {
        if (o is null)
        {
            return new Allocation();
        }

        var type = o.Enum("type", AllocationType.AgeInBonds);
        var when = $"when type is {ScenarioEnumNames.ToJson(type)}";
        switch (type)
        {
            case AllocationType.Fixed:
                foreach (var f in new[] { "offset", "cash", "reits", "points" })
                {
                    o.WarnIgnored(f, when);
                }

                var weights = o.Require("weights") ? ReadWeights(o, "weights", issues) : null;
                return new Allocation { Type = type, Weights = weights ?? default };

            case AllocationType.Table:
                foreach (var f in new[] { "weights", "offset", "cash", "reits" })
                {
                    o.WarnIgnored(f, when);
                }

                return new Allocation { Type = type, Points = o.Require("points") ? ReadPoints(o, issues) : [] };

            default:
                o.WarnIgnored("weights", when);
                o.WarnIgnored("points", when);
                var cash = o.Number("cash", 0, NumberRange.Fraction);
                var reits = o.Number("reits", 0, NumberRange.Fraction);
                if (o.Issues.AllOk(o.PathOf("cash"), o.PathOf("reits")) && cash + reits > 1 + WeightSumTolerance)
                {
                    issues.Error(o.Path, $"cash + reits is {NumberRange.Format(cash + reits)}, must be at most 1");
                }

                return new Allocation
                {
                    Type = type,
                    Offset = o.Number("offset", 0, NumberRange.Between(-100, 100)),
                    Cash = cash,
                    Reits = reits,
                };
        }
    }

    /// <summary>{stocks, bonds, cash, reits}, each in [0, 1], missing = 0, summing to 1 within 1e-9.</summary>
    public static AssetWeights? ReadWeights(JsonObjectReader parent, string name, IssueCollector issues)
    {
        var w = parent.Section(name, WeightFields);
        if (w is null)
        {
            return null;
        }

        var weights = new AssetWeights(
            w.Number("stocks", 0, NumberRange.Fraction),
            w.Number("bonds", 0, NumberRange.Fraction),
            w.Number("cash", 0, NumberRange.Fraction),
            w.Number("reits", 0, NumberRange.Fraction));
        if (issues.AllOk(w.Path) && Math.Abs(weights.Sum - 1) > WeightSumTolerance)
        {
            issues.Error(w.Path, $"weights sum to {NumberRange.Format(weights.Sum)}, must sum to 1");
        }

        return weights;
    }

    private static IReadOnlyList<GlidePoint> ReadPoints(JsonObjectReader o, IssueCollector issues)
    {
        var items = o.Array("points", MaxPoints);
        if (items is null)
        {
            return [];
        }

        if (items.Count == 0)
        {
            issues.Error(o.PathOf("points"), "must list at least one point");
            return [];
        }

        var points = new List<GlidePoint>();
        int? previousAge = null;
        foreach (var (e, path) in items)
        {
            var p = JsonObjectReader.Open(e, path, issues, PointFields);
            if (p is null)
            {
                continue;
            }

            var hasAge = p.Require("age");
            var hasWeights = p.Require("weights");
            var age = hasAge ? p.OptionalInteger("age", NumberRange.Between(0, Participant.MaxEndAge)) : null;
            var weights = hasWeights ? ReadWeights(p, "weights", issues) : null;
            if (age is { } a && previousAge is { } prev && a <= prev)
            {
                issues.Error(p.PathOf("age"), $"ages must increase from point to point: {a} is not after {prev}");
            }

            previousAge = age ?? previousAge;
            points.Add(new GlidePoint(age ?? 0, weights ?? default));
        }

        return points;
    }
}
