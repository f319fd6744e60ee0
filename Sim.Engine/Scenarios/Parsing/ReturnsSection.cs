namespace Sim.Engine.Scenarios.Parsing;

/// <summary><c>$.returns</c>: the return model, its parameters, and stress shocks.</summary>
internal static class ReturnsSection
{
    public const int MaxBlockLength = 100;
    public const int MaxShocks = 1000;
    public const double MaxLimitIndexing = 0.20;

    public static readonly string[] Fields =
    [
        "model", "assets", "inflation", "correlation", "degreesOfFreedom", "history", "blockLength", "limitIndexing",
        "shocks",
    ];

    public static readonly string[] AssetFields = ["stocks", "bonds", "cash", "reits"];
    public static readonly string[] MeanStdevFields = ["mean", "stdev"];
    public static readonly string[] ShockFields = ["age", "yearsAfterRetirement", "year", "returns"];
    public static readonly string[] ShockSelectors = ["age", "yearsAfterRetirement", "year"];

    /// <summary>Asset means: above -100% is a mathematical need (log of 1 + mean); the band [-50%, 100%] also
    /// catches percentages typed as whole numbers.</summary>
    public static readonly NumberRange AssetMean = NumberRange.Between(-0.5, 1);
    public static readonly NumberRange AssetStdev = NumberRange.Between(0, 1);
    public static readonly NumberRange InflationMean = NumberRange.Between(-0.1, 0.5);
    public static readonly NumberRange InflationStdev = NumberRange.Between(0, 0.5);

    /// <summary>A pinned simple return: -1 (total loss) up to +1000%.</summary>
    public static readonly NumberRange ShockReturn = NumberRange.Between(-1, 10);

    public static Returns Read(JsonObjectReader? o, IssueCollector issues)
    {
        var d = new Returns();
        if (o is null)
        {
            return d;
        }

        var assets = o.Section("assets", AssetFields);
        var inflation = o.Section("inflation", MeanStdevFields);
        var history = o.OptionalString("history");
        if (history is not null && string.IsNullOrWhiteSpace(history))
        {
            issues.Error(o.PathOf("history"), "must be a CSV file path (relative to the scenario file), got an empty string");
        }

        return new Returns
        {
            Model = o.Enum("model", d.Model),
            Stocks = ReadAsset(assets, "stocks", d.Stocks),
            Bonds = ReadAsset(assets, "bonds", d.Bonds),
            Cash = ReadAsset(assets, "cash", d.Cash),
            Reits = ReadAsset(assets, "reits", d.Reits),
            Inflation = ReadMeanStdev(inflation, d.Inflation, InflationMean, InflationStdev),
            Correlation = CorrelationMatrixRules.Read(o.Array("correlation", CorrelationMatrixRules.Size),
                o.PathOf("correlation"), issues) ?? d.Correlation,
            // Checked whatever the model, so an overlay that switches to studentT cannot inherit a bad value.
            DegreesOfFreedom = o.Number("degreesOfFreedom", d.DegreesOfFreedom, NumberRange.Above(2)),
            History = history,
            BlockLength = o.Integer("blockLength", d.BlockLength, NumberRange.Between(1, MaxBlockLength)),
            LimitIndexing = o.OptionalNumber("limitIndexing", NumberRange.Between(0, MaxLimitIndexing)),
            Shocks = ReadShocks(o, issues),
        };
    }

    private static MeanStdev ReadAsset(JsonObjectReader? assets, string name, MeanStdev fallback) =>
        ReadMeanStdev(assets?.Section(name, MeanStdevFields), fallback, AssetMean, AssetStdev);

    /// <summary>{mean, stdev}; a field left out keeps its default (so {"mean": 0.08} keeps the default stdev).</summary>
    private static MeanStdev ReadMeanStdev(JsonObjectReader? o, MeanStdev fallback, NumberRange mean, NumberRange stdev) =>
        o is null
            ? fallback
            : new MeanStdev(o.Number("mean", fallback.Mean, mean), o.Number("stdev", fallback.Stdev, stdev));

    private static IReadOnlyList<Shock> ReadShocks(JsonObjectReader o, IssueCollector issues)
    {
        var items = o.Array("shocks", MaxShocks);
        if (items is null)
        {
            return [];
        }

        var shocks = new List<Shock>();
        foreach (var (e, path) in items)
        {
            var s = JsonObjectReader.Open(e, path, issues, ShockFields);
            if (s is null)
            {
                continue;
            }

            var given = ShockSelectors.Where(s.Has).ToList();
            if (given.Count != 1)
            {
                issues.Error(path, given.Count == 0
                    ? "needs exactly one of age, yearsAfterRetirement, year; got none"
                    : $"needs exactly one of age, yearsAfterRetirement, year; got {string.Join(" and ", given)}");
            }

            var shock = new Shock
            {
                Age = s.OptionalInteger("age", NumberRange.Between(0, Participant.MaxEndAge)),
                YearsAfterRetirement = s.OptionalInteger("yearsAfterRetirement", NumberRange.Between(0, Participant.MaxEndAge)),
                Year = s.OptionalInteger("year", NumberRange.Between(1900, 2300)),
            };

            if (s.Require("returns") && s.Section("returns", AssetFields) is { } r)
            {
                shock = shock with
                {
                    Stocks = r.OptionalNumber("stocks", ShockReturn),
                    Bonds = r.OptionalNumber("bonds", ShockReturn),
                    Cash = r.OptionalNumber("cash", ShockReturn),
                    Reits = r.OptionalNumber("reits", ShockReturn),
                };
                if (!AssetFields.Any(r.Has))
                {
                    issues.Error(r.Path, "must pin at least one of stocks, bonds, cash, reits");
                }
            }

            shocks.Add(shock);
        }

        return shocks;
    }
}
