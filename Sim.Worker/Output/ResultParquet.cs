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
    public const string PercentilesFile = "percentiles.parquet";
    public const string YearlyFile = "yearly.parquet";
    public const string SummaryFile = "summary.parquet";
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

    /// <summary>summary.parquet: one row per run; the first full year's income (<see cref="IncomeFigure"/>, null
    /// without income streams); terminal percentiles as terminal_balance_pNN and terminal_balance_real_pNN columns.</summary>
    public static async Task WriteSummaryAsync(Stream stream, SimulationResult r, string runId, double wallSeconds,
        IReadOnlyDictionary<string, string> metadata, CancellationToken ct)
    {
        var s = r.Summary;
        var names = new List<string>
        {
            "run_id:string", "scenario:string", "model:string", "engine_version:string", "paths:long", "seed:long",
            "start_year:int", "end_year:int", "success_probability:double", "peak_age:int",
            "median_failure_age:double?", "mean_total_taxes:double", "median_total_taxes:double",
            "loan_requests_cut:int", "wall_seconds:double",
            "income_age:int?", "income_real:double?", "income_level_nominal:double?",
        };
        foreach (double level in r.Levels)
        {
            names.Add($"terminal_balance_p{LevelName(level)}:double");
        }

        foreach (double level in r.Levels)
        {
            names.Add($"terminal_balance_real_p{LevelName(level)}:double");
        }

        var f = Fields([.. names]);
        await using var writer = await Create(f, stream, metadata, ct);
        using var g = writer.CreateRowGroup();
        await g.WriteAsync(f[0], [runId]);
        await g.WriteAsync(f[1], [r.Scenario.Name]);
        await g.WriteAsync(f[2], [ModelName(r.Scenario)]);
        await g.WriteAsync(f[3], [r.EngineVersion]);
        await g.WriteAsync<long>(f[4], new[] { (long)r.Paths }, null, null, ct);
        await g.WriteAsync<long>(f[5], new[] { unchecked((long)r.Seed) }, null, null, ct);
        await g.WriteAsync<int>(f[6], new[] { r.Years[0] }, null, null, ct);
        await g.WriteAsync<int>(f[7], new[] { r.Years[^1] }, null, null, ct);
        await g.WriteAsync<double>(f[8], new[] { s.SuccessProbability }, null, null, ct);
        await g.WriteAsync<int>(f[9], new[] { s.PeakAge }, null, null, ct);
        await g.WriteAsync<double>(f[10], new double?[] { double.IsNaN(s.MedianFailureAge) ? null : s.MedianFailureAge }, null, null, ct);
        await g.WriteAsync<double>(f[11], new[] { s.MeanTotalTaxes }, null, null, ct);
        await g.WriteAsync<double>(f[12], new[] { s.MedianTotalTaxes }, null, null, ct);
        await g.WriteAsync<int>(f[13], new[] { s.LoanRequestsCut }, null, null, ct);
        await g.WriteAsync<double>(f[14], new[] { wallSeconds }, null, null, ct);
        var income = IncomeFigure.Of(r.Scenario, r.Years[^1]); // null without income streams
        await g.WriteAsync<int>(f[15], new int?[] { income?.Age }, null, null, ct);
        await g.WriteAsync<double>(f[16], new double?[] { income?.Real }, null, null, ct);
        await g.WriteAsync<double>(f[17], new double?[] { income?.LevelNominal }, null, null, ct);
        int c = 18;
        foreach (double v in s.TerminalNominal)
        {
            await g.WriteAsync<double>(f[c++], new[] { v }, null, null, ct);
        }

        foreach (double v in s.TerminalReal)
        {
            await g.WriteAsync<double>(f[c++], new[] { v }, null, null, ct);
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
