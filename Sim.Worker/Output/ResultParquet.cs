using System.Globalization;
using Parquet;
using Parquet.Schema;
using Sim.Engine;
using Sim.Engine.Scenarios;
using Sim.Engine.Simulation;

namespace Sim.Worker.Output;

/// <summary>
/// The Parquet layout of spec section 10: tidy, typed files an analyst loads in one line. Every file carries the
/// run's key-value metadata (scenario JSON, seed, paths, return model, engine version, notes).
/// </summary>
public static class ResultParquet
{
    /// <summary>Percentiles per metric, year and level.</summary>
    public const string PercentilesFile = "percentiles.parquet";
    /// <summary>Per-year shares and means across paths.</summary>
    public const string YearlyFile = "yearly.parquet";
    /// <summary>The one-row summary of a run.</summary>
    public const string SummaryFile = "summary.parquet";
    /// <summary>Per-path, per-year rows (only with <c>--paths-out</c>).</summary>
    public const string PathsFile = "paths.parquet";

    /// <summary>The key-value metadata of a finished run's files.</summary>
    public static Dictionary<string, string> Metadata(SimulationResult r, string runId, string scenarioJson) =>
        Metadata(r.Scenario, runId, scenarioJson, r.Seed, r.Paths, r.Notes);

    /// <summary>
    /// The key-value metadata every file of a run carries. <paramref name="paths"/> and <paramref name="notes"/> are
    /// what the engine reports after the run; a file written while the run is still going (paths.parquet) passes
    /// the requested path count and no notes.
    /// </summary>
    public static Dictionary<string, string> Metadata(Scenario scenario, string runId, string scenarioJson, ulong seed,
        int paths, IReadOnlyList<string> notes) => new()
    {
        ["run_id"] = runId,
        ["scenario"] = scenario.Name,
        ["scenario_json"] = scenarioJson,
        ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
        ["paths"] = paths.ToString(CultureInfo.InvariantCulture),
        ["return_model"] = ModelName(scenario),
        ["engine_version"] = EngineInfo.Version,
        ["percentile_definition"] = "R-7 (linear interpolation; numpy default, DuckDB quantile_cont)",
        ["notes"] = string.Join(" | ", notes),
    };

    /// <summary>The return model as the scenario file spells it (lognormal, studentT, bootstrap, historical).</summary>
    public static string ModelName(Scenario scenario) => ScenarioEnumNames.ToJson(scenario.Returns.Model);

    /// <summary>percentiles.parquet: run_id, scenario, year, age, metric, percentile, value; sorted by metric,
    /// year, percentile.</summary>
    public static async Task WritePercentilesAsync(Stream stream, SimulationResult r, string runId,
        IReadOnlyDictionary<string, string> metadata, CancellationToken ct)
    {
        int years = r.Years.Length, levels = r.Levels.Count;
        var metricOrder = Enumerable.Range(0, Metrics.Count).OrderBy(k => Metrics.All[k], StringComparer.Ordinal).ToArray();
        var levelOrder = Enumerable.Range(0, levels).OrderBy(j => r.Levels[j]).ToArray();
        int rows = Metrics.Count * years * levels;
        var year = new int[rows];
        var age = new int[rows];
        var metric = new string[rows];
        var percentile = new double[rows];
        var value = new double[rows];
        int n = 0;
        foreach (int k in metricOrder)
        {
            for (int t = 0; t < years; t++)
            {
                foreach (int j in levelOrder)
                {
                    year[n] = r.Years[t];
                    age[n] = r.Ages[t];
                    metric[n] = Metrics.All[k];
                    percentile[n] = r.Levels[j];
                    value[n] = r.Percentiles[k, t, j];
                    n++;
                }
            }
        }

        var f = Fields("run_id:string", "scenario:string", "year:int", "age:int", "metric:string", "percentile:double", "value:double");
        await using var writer = await Create(f, stream, metadata, ct);
        using var g = writer.CreateRowGroup();
        await g.WriteAsync(f[0], Repeat(runId, rows));
        await g.WriteAsync(f[1], Repeat(r.Scenario.Name, rows));
        await g.WriteAsync<int>(f[2], year, null, null, ct);
        await g.WriteAsync<int>(f[3], age, null, null, ct);
        await g.WriteAsync(f[4], metric);
        await g.WriteAsync<double>(f[5], percentile, null, null, ct);
        await g.WriteAsync<double>(f[6], value, null, null, ct);
    }

    /// <summary>yearly.parquet: run_id, scenario, year, age and one double column per yearly figure.</summary>
    public static async Task WriteYearlyAsync(Stream stream, SimulationResult r, string runId,
        IReadOnlyDictionary<string, string> metadata, CancellationToken ct)
    {
        int years = r.Years.Length;
        var f = Fields("run_id:string", "scenario:string", "year:int", "age:int", "share_failed:double",
            "share_rmd_binding:double", "mean_balance:double", "mean_balance_real:double", "mean_withdrawals:double");
        await using var writer = await Create(f, stream, metadata, ct);
        using var g = writer.CreateRowGroup();
        await g.WriteAsync(f[0], Repeat(runId, years));
        await g.WriteAsync(f[1], Repeat(r.Scenario.Name, years));
        await g.WriteAsync<int>(f[2], r.Years, null, null, ct);
        await g.WriteAsync<int>(f[3], r.Ages, null, null, ct);
        await g.WriteAsync<double>(f[4], r.Yearly.ShareFailed, null, null, ct);
        await g.WriteAsync<double>(f[5], r.Yearly.ShareRmdBinding, null, null, ct);
        await g.WriteAsync<double>(f[6], r.Yearly.MeanBalance, null, null, ct);
        await g.WriteAsync<double>(f[7], r.Yearly.MeanBalanceReal, null, null, ct);
        await g.WriteAsync<double>(f[8], r.Yearly.MeanWithdrawals, null, null, ct);
    }

    /// <summary>
    /// The column names of summary.parquet: the one definition the writer (<see cref="WriteSummaryAsync"/>) and every
    /// reader (the results page's <c>ResultsSummary</c>) use, so a column is found by name, never by position.
    /// </summary>
    public static class SummaryColumns
    {
        /// <summary>The run id (16 hex digits).</summary>
        public const string RunId = "run_id";
        /// <summary>The scenario name.</summary>
        public const string Scenario = "scenario";
        /// <summary>The return model (lognormal, studentT, bootstrap, historical).</summary>
        public const string Model = "model";
        /// <summary>The engine version that produced the numbers.</summary>
        public const string EngineVersion = "engine_version";
        /// <summary>Paths simulated.</summary>
        public const string Paths = "paths";
        /// <summary>The seed.</summary>
        public const string Seed = "seed";
        /// <summary>First simulated calendar year.</summary>
        public const string StartYear = "start_year";
        /// <summary>Last simulated calendar year.</summary>
        public const string EndYear = "end_year";
        /// <summary>Share of paths that never failed, 0..1.</summary>
        public const string SuccessProbability = "success_probability";
        /// <summary>Age at which the median nominal balance is largest.</summary>
        public const string PeakAge = "peak_age";
        /// <summary>Median age of first failure among failed paths; NaN when none failed.</summary>
        public const string MedianFailureAge = "median_failure_age";
        /// <summary>Mean over paths of the nominal taxes over the horizon.</summary>
        public const string MeanTotalTaxes = "mean_total_taxes";
        /// <summary>Median over paths of the nominal taxes over the horizon.</summary>
        public const string MedianTotalTaxes = "median_total_taxes";
        /// <summary>Paths on which a loan request was cut to the 72(p) limit.</summary>
        public const string LoanRequestsCut = "loan_requests_cut";
        /// <summary>Wall time of the computation, seconds.</summary>
        public const string WallSeconds = "wall_seconds";

        /// <summary>Age of the first year every income stream pays all 12 months (<see cref="IncomeFigure"/>); null
        /// without income streams.</summary>
        public const string IncomeAge = "income_age";

        /// <summary>Social Security and inflation-indexed pensions of that year, today's dollars; null without streams.</summary>
        public const string IncomeReal = "income_real";

        /// <summary>Level (not inflation-indexed) pensions of that year, nominal dollars; null without streams.</summary>
        public const string IncomeLevelNominal = "income_level_nominal";

        /// <summary>Prefix of the nominal terminal-balance percentile columns (then <see cref="LevelName"/>).</summary>
        public const string TerminalPrefix = "terminal_balance_p";

        /// <summary>Prefix of the real (today's dollars) terminal-balance percentile columns.</summary>
        public const string TerminalRealPrefix = "terminal_balance_real_p";
    }

    /// <summary>summary.parquet: one row per run; the first full year's income (<see cref="IncomeFigure"/>, null
    /// without income streams); terminal percentiles as terminal_balance_pNN and terminal_balance_real_pNN columns. Each column is declared with its value and written by name.</summary>
    public static async Task WriteSummaryAsync(Stream stream, SimulationResult r, string runId, double wallSeconds,
        IReadOnlyDictionary<string, string> metadata, CancellationToken ct)
    {
        var s = r.Summary;
        var income = IncomeFigure.Of(r.Scenario, r.Years[^1]); // null without income streams
        var columns = new List<(string Spec, Array Value)>
        {
            ($"{SummaryColumns.RunId}:string", new[] { runId }),
            ($"{SummaryColumns.Scenario}:string", new[] { r.Scenario.Name }),
            ($"{SummaryColumns.Model}:string", new[] { ModelName(r.Scenario) }),
            ($"{SummaryColumns.EngineVersion}:string", new[] { r.EngineVersion }),
            ($"{SummaryColumns.Paths}:long", new[] { (long)r.Paths }),
            ($"{SummaryColumns.Seed}:long", new[] { unchecked((long)r.Seed) }),
            ($"{SummaryColumns.StartYear}:int", new[] { r.Years[0] }),
            ($"{SummaryColumns.EndYear}:int", new[] { r.Years[^1] }),
            ($"{SummaryColumns.SuccessProbability}:double", new[] { s.SuccessProbability }),
            ($"{SummaryColumns.PeakAge}:int", new[] { s.PeakAge }),
            ($"{SummaryColumns.MedianFailureAge}:double?", new double?[] { double.IsNaN(s.MedianFailureAge) ? null : s.MedianFailureAge }),
            ($"{SummaryColumns.MeanTotalTaxes}:double", new[] { s.MeanTotalTaxes }),
            ($"{SummaryColumns.MedianTotalTaxes}:double", new[] { s.MedianTotalTaxes }),
            ($"{SummaryColumns.LoanRequestsCut}:int", new[] { s.LoanRequestsCut }),
            ($"{SummaryColumns.WallSeconds}:double", new[] { wallSeconds }),
            ($"{SummaryColumns.IncomeAge}:int?", new int?[] { income?.Age }),
            ($"{SummaryColumns.IncomeReal}:double?", new double?[] { income?.Real }),
            ($"{SummaryColumns.IncomeLevelNominal}:double?", new double?[] { income?.LevelNominal }),
        };
        for (int i = 0; i < r.Levels.Count; i++)
        {
            columns.Add(($"{SummaryColumns.TerminalPrefix}{LevelName(r.Levels[i])}:double", new[] { s.TerminalNominal[i] }));
        }

        for (int i = 0; i < r.Levels.Count; i++)
        {
            columns.Add(($"{SummaryColumns.TerminalRealPrefix}{LevelName(r.Levels[i])}:double", new[] { s.TerminalReal[i] }));
        }

        var fields = Fields([.. columns.Select(c => c.Spec)]);
        var byName = fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        await using var writer = await Create(fields, stream, metadata, ct);
        using var g = writer.CreateRowGroup();
        foreach (var (spec, value) in columns)
        {
            var field = byName[spec[..spec.IndexOf(':', StringComparison.Ordinal)]];
            switch (value)
            {
                case string[] text:
                    await g.WriteAsync(field, text);
                    break;
                case long[] longs:
                    await g.WriteAsync<long>(field, longs, null, null, ct);
                    break;
                case int[] ints:
                    await g.WriteAsync<int>(field, ints, null, null, ct);
                    break;
                case double[] doubles:
                    await g.WriteAsync<double>(field, doubles, null, null, ct);
                    break;
                case double?[] optional:
                    await g.WriteAsync<double>(field, optional, null, null, ct);
                    break;
                case int?[] optionalInts:
                    await g.WriteAsync<int>(field, optionalInts, null, null, ct);
                    break;
                default:
                    throw new InvalidOperationException($"summary column {field.Name}: no writer for {value.GetType()}");
            }
        }
    }

    /// <summary>"5" for 5.0, "2_5" for 2.5: a column-name-safe spelling of a percentile level.</summary>
    public static string LevelName(double level) =>
        level.ToString("0.###", CultureInfo.InvariantCulture).Replace('.', '_');

    internal static DataField[] Fields(params string[] specs) => specs.Select(spec =>
    {
        string[] parts = spec.Split(':');
        bool nullable = parts[1].EndsWith('?');
        Type type = parts[1].TrimEnd('?') switch
        {
            "string" => typeof(string),
            "int" => typeof(int),
            "long" => typeof(long),
            _ => typeof(double),
        };
        return new DataField(parts[0], type, nullable ? true : type == typeof(string) ? false : null, null, null!);
    }).ToArray();

    internal static async Task<ParquetWriter> Create(DataField[] fields, Stream stream,
        IReadOnlyDictionary<string, string> metadata, CancellationToken ct)
    {
        var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, new ParquetOptions(), false, ct);
        writer.CustomMetadata = metadata;
        return writer;
    }

    private static string[] Repeat(string value, int count) => Enumerable.Repeat(value, count).ToArray();
}
