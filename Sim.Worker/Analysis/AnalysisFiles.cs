using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Parquet.Schema;
using Sim.Engine;
using Sim.Engine.Analysis;
using Sim.Engine.Simulation;
using Sim.Worker.Output;

namespace Sim.Worker.Analysis;

/// <summary>
/// The files of the three answers (names, JSON shapes, Parquet layouts), each written through a temporary name and a
/// rename (<see cref="AtomicFile"/>). One owner for each layout: the CLI and the Hangfire jobs both write through here.
/// </summary>
public static class AnalysisFiles
{
    /// <summary>The solve answer and its trials as JSON (<see cref="SolveDocument"/>).</summary>
    public const string SolveJson = "solve.json";

    /// <summary>One row per solve trial.</summary>
    public const string SolveParquet = "solve.parquet";

    /// <summary>The comparison summary as JSON (<see cref="CompareDocument"/>).</summary>
    public const string CompareJson = "compare.json";

    /// <summary>The paired differences per metric, year and statistic.</summary>
    public const string ComparisonParquet = "comparison.parquet";

    /// <summary>The sensitivity rows as JSON (<see cref="SensitivityDocument"/>).</summary>
    public const string SensitivityJson = "sensitivity.json";

    /// <summary>One row per sensitivity input.</summary>
    public const string SensitivityParquet = "sensitivity.parquet";

    /// <summary>
    /// The files a CLI <c>solve</c> or <c>sensitivity</c> writes into a scenario's output folder <c>DIR/&lt;scenario&gt;/</c>,
    /// beside the run's files: a later <c>run</c> of the scenario carries them over into its new folder
    /// (<see cref="OutputFolder.WriteAsync"/>), so neither command loses the other's output.
    /// </summary>
    public static readonly IReadOnlyList<string> ScenarioFolderFiles =
        [SolveJson, SolveParquet, SolveChart.FileName, SensitivityJson, SensitivityParquet, TornadoChart.FileName];

    /// <summary>camelCase, indented, enums as camelCase strings; null members omitted.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The folder of a comparison: <c>compare-A-B</c>.</summary>
    public static string CompareFolder(string a, string b) => $"compare-{a}-{b}";

    /// <summary>Key-value metadata every analysis file carries.</summary>
    public static Dictionary<string, string> Metadata(string kind, string analysisId, IEnumerable<string> scenarios, int paths,
        ulong seed, IReadOnlyDictionary<string, string>? extra = null)
    {
        var m = new Dictionary<string, string>
        {
            ["analysis"] = kind,
            ["analysis_id"] = analysisId,
            ["scenarios"] = string.Join(",", scenarios),
            ["paths"] = paths.ToString(CultureInfo.InvariantCulture),
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["engine_version"] = EngineInfo.Version,
            ["common_random_numbers"] = "every trial uses the same seed and paths",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string>())
        {
            m[k] = v;
        }

        return m;
    }

    // ---- solve -------------------------------------------------------------------------------------------------

    /// <summary>solve.json: field, value, resolution, target, achieved, standardError, trials[{value, achieved}] and
    /// the context a reader needs (outcome, answer sentence, success, range, paths, seed).</summary>
    public static object SolveDocument(string analysisId, string scenario, SolveResult r) => new
    {
        analysisId,
        scenario,
        field = r.Field,
        value = r.Value,
        resolution = r.Resolution,
        target = r.Target.ToString(),
        achieved = r.Achieved,
        standardError = r.StandardError,
        success = r.Success,
        outcome = r.Outcome,
        answer = AnalysisText.Solve(r),
        best = r.Best,
        beyond = r.Beyond,
        range = new { min = r.RangeMin, max = r.RangeMax },
        paths = r.Paths,
        seed = r.Seed,
        engineVersion = EngineInfo.Version,
        trials = r.Trials.Select(t => new { value = t.Value, achieved = t.Achieved, success = t.Success, medianTerminalReal = t.MedianTerminalReal, meets = t.Meets }),
    };

    /// <summary>Writes solve.json, solve.parquet and the solve chart into <paramref name="directory"/>, each atomically; returns the paths written.</summary>
    public static async Task<IReadOnlyList<string>> WriteSolveAsync(string directory, string analysisId, string scenario, SolveResult r,
        CancellationToken ct)
    {
        var meta = Metadata("solve", analysisId, [scenario], r.Paths, r.Seed,
            new Dictionary<string, string> { ["field"] = r.Field, ["target"] = r.Target.ToString() });
        string json = Path.Combine(directory, SolveJson), parquet = Path.Combine(directory, SolveParquet),
            svg = Path.Combine(directory, SolveChart.FileName);
        await WriteTextAsync(json, JsonSerializer.Serialize(SolveDocument(analysisId, scenario, r), Json), ct);
        await AtomicFile.WriteAsync(parquet, async s =>
        {
            int n = r.Trials.Count;
            var f = new DataField[]
            {
                new DataField<string>("analysis_id"), new DataField<string>("scenario"), new DataField<string>("field"),
                new DataField<int>("trial"), new DataField<double>("value"), new DataField<double>("achieved"),
                new DataField<double>("success"), new DataField<double>("median_terminal_real"), new DataField<bool>("meets"),
                new DataField<bool>("is_answer"),
            };
            await using var w = await ResultParquet.Create(f, s, meta, ct);
            using var g = w.CreateRowGroup();
            await g.WriteAsync(f[0], Enumerable.Repeat(analysisId, n).ToArray());
            await g.WriteAsync(f[1], Enumerable.Repeat(scenario, n).ToArray());
            await g.WriteAsync(f[2], Enumerable.Repeat(r.Field, n).ToArray());
            await g.WriteAsync<int>(f[3], Enumerable.Range(1, n).ToArray(), null, null, ct);
            await g.WriteAsync<double>(f[4], r.Trials.Select(t => t.Value).ToArray(), null, null, ct);
            await g.WriteAsync<double>(f[5], r.Trials.Select(t => t.Achieved).ToArray(), null, null, ct);
            await g.WriteAsync<double>(f[6], r.Trials.Select(t => t.Success).ToArray(), null, null, ct);
            await g.WriteAsync<double>(f[7], r.Trials.Select(t => t.MedianTerminalReal).ToArray(), null, null, ct);
            await g.WriteAsync<bool>(f[8], r.Trials.Select(t => t.Meets).ToArray(), null, null, ct);
            await g.WriteAsync<bool>(f[9], r.Trials.Select(t => r.Value is { } v && t.Value == v).ToArray(), null, null, ct);
        }, ct);
        await WriteTextAsync(svg, SolveChart.Render(r, scenario), ct);
        return [json, parquet, svg];
    }

    // ---- compare -----------------------------------------------------------------------------------------------

    /// <summary>compare.json: scenarios, success per scenario, successDifference, successDifferenceStandardError,
    /// shareBAhead, and the unpaired standard error for contrast.</summary>
    public static object CompareDocument(string analysisId, ComparisonResult c, PairComparison p) => new
    {
        analysisId,
        scenarios = new[] { c.Scenarios[p.A], c.Scenarios[p.B] },
        success = new Dictionary<string, double> { [c.Scenarios[p.A]] = c.Success[p.A], [c.Scenarios[p.B]] = c.Success[p.B] },
        successDifference = p.SuccessDifference,
        successDifferenceStandardError = p.SuccessDifferenceStandardError,
        successDifferenceUnpairedStandardError = p.SuccessDifferenceUnpairedStandardError,
        shareBAhead = p.ShareBAhead,
        shareTied = p.ShareTied,
        answer = AnalysisText.Compare(c, p),
        paths = c.Paths,
        seed = c.Seed,
        startYear = c.Years[0],
        endYear = c.Years[^1],
        engineVersion = EngineInfo.Version,
    };

    /// <summary>Writes compare.json, comparison.parquet and the difference chart of pair <paramref name="p"/> into <paramref name="directory"/>, each atomically; returns the paths written.</summary>
    public static async Task<IReadOnlyList<string>> WriteCompareAsync(string directory, string analysisId, ComparisonResult c,
        PairComparison p, CancellationToken ct)
    {
        string a = c.Scenarios[p.A], b = c.Scenarios[p.B];
        var meta = Metadata("compare", analysisId, [a, b], c.Paths, c.Seed,
            new Dictionary<string, string> { ["difference"] = "B - A on the same path", ["percentile_definition"] = "R-7" });
        string json = Path.Combine(directory, CompareJson), parquet = Path.Combine(directory, ComparisonParquet),
            svg = Path.Combine(directory, DifferenceChart.FileName);
        await WriteTextAsync(json, JsonSerializer.Serialize(CompareDocument(analysisId, c, p), Json), ct);
        await AtomicFile.WriteAsync(parquet, async s =>
        {
            int years = c.Years.Length, stats = DifferenceStatistics.Count;
            var metricOrder = Enumerable.Range(0, Metrics.Count).OrderBy(k => Metrics.All[k], StringComparer.Ordinal).ToArray();
            int rows = Metrics.Count * years * stats;
            var year = new int[rows];
            var age = new int[rows];
            var metric = new string[rows];
            var statistic = new string[rows];
            var value = new double[rows];
            int n = 0;
            foreach (int k in metricOrder)
            {
                for (int t = 0; t < years; t++)
                {
                    for (int j = 0; j < stats; j++)
                    {
                        year[n] = c.Years[t];
                        age[n] = c.Ages[t];
                        metric[n] = Metrics.All[k];
                        statistic[n] = DifferenceStatistics.Names[j];
                        value[n] = p.Statistics[k, t, j];
                        n++;
                    }
                }
            }

            var f = ResultParquet.Fields("comparison_id:string", "scenario_a:string", "scenario_b:string", "year:int", "age:int",
                "metric:string", "statistic:string", "value:double");
            await using var w = await ResultParquet.Create(f, s, meta, ct);
            using var g = w.CreateRowGroup();
            await g.WriteAsync(f[0], Enumerable.Repeat(analysisId, rows).ToArray());
            await g.WriteAsync(f[1], Enumerable.Repeat(a, rows).ToArray());
            await g.WriteAsync(f[2], Enumerable.Repeat(b, rows).ToArray());
            await g.WriteAsync<int>(f[3], year, null, null, ct);
            await g.WriteAsync<int>(f[4], age, null, null, ct);
            await g.WriteAsync(f[5], metric);
            await g.WriteAsync(f[6], statistic);
            await g.WriteAsync<double>(f[7], value, null, null, ct);
        }, ct);
        await WriteTextAsync(svg, DifferenceChart.Render(c, p), ct);
        return [json, parquet, svg];
    }

    // ---- sensitivity -------------------------------------------------------------------------------------------

    /// <summary>sensitivity.json: the base success and median terminal real balance, and each input's low and high values and outcomes.</summary>
    public static object SensitivityDocument(string analysisId, SensitivityResult r) => new
    {
        analysisId,
        scenario = r.Scenario,
        answer = AnalysisText.Sensitivity(r),
        @base = new { success = r.Base.Success, standardError = r.Base.SuccessStandardError, medianTerminalReal = r.Base.MedianTerminalReal },
        inputs = r.Rows.Select(x => new
        {
            input = x.Input,
            field = x.Field,
            label = x.Label,
            kind = x.Kind,
            current = x.Current,
            low = x.Low,
            high = x.High,
            successLow = x.AtLow.Success,
            successHigh = x.AtHigh.Success,
            medianTerminalRealLow = x.AtLow.MedianTerminalReal,
            medianTerminalRealHigh = x.AtHigh.MedianTerminalReal,
            swing = x.Swing,
        }),
        skipped = r.Skipped,
        paths = r.Paths,
        seed = r.Seed,
        engineVersion = EngineInfo.Version,
    };

    /// <summary>Writes sensitivity.json, sensitivity.parquet and the tornado chart into <paramref name="directory"/>, each atomically; returns the paths written.</summary>
    public static async Task<IReadOnlyList<string>> WriteSensitivityAsync(string directory, string analysisId, SensitivityResult r,
        CancellationToken ct)
    {
        var meta = Metadata("sensitivity", analysisId, [r.Scenario], r.Paths, r.Seed);
        string json = Path.Combine(directory, SensitivityJson), parquet = Path.Combine(directory, SensitivityParquet),
            svg = Path.Combine(directory, TornadoChart.FileName);
        await WriteTextAsync(json, JsonSerializer.Serialize(SensitivityDocument(analysisId, r), Json), ct);
        await AtomicFile.WriteAsync(parquet, async s =>
        {
            int n = r.Rows.Count;
            var f = ResultParquet.Fields("analysis_id:string", "scenario:string", "rank:int", "input:string", "field:string",
                "label:string", "current:double", "low:double", "high:double", "success_low:double", "success_high:double",
                "median_terminal_real_low:double", "median_terminal_real_high:double", "swing:double", "base_success:double",
                "base_median_terminal_real:double");
            await using var w = await ResultParquet.Create(f, s, meta, ct);
            using var g = w.CreateRowGroup();
            await g.WriteAsync(f[0], Enumerable.Repeat(analysisId, n).ToArray());
            await g.WriteAsync(f[1], Enumerable.Repeat(r.Scenario, n).ToArray());
            await g.WriteAsync<int>(f[2], Enumerable.Range(1, n).ToArray(), null, null, ct);
            await g.WriteAsync(f[3], r.Rows.Select(x => x.Input).ToArray());
            await g.WriteAsync(f[4], r.Rows.Select(x => x.Field).ToArray());
            await g.WriteAsync(f[5], r.Rows.Select(x => x.Label).ToArray());
            double[] Col(Func<SensitivityRow, double> get) => r.Rows.Select(get).ToArray();
            await g.WriteAsync<double>(f[6], Col(x => x.Current), null, null, ct);
            await g.WriteAsync<double>(f[7], Col(x => x.Low), null, null, ct);
            await g.WriteAsync<double>(f[8], Col(x => x.High), null, null, ct);
            await g.WriteAsync<double>(f[9], Col(x => x.AtLow.Success), null, null, ct);
            await g.WriteAsync<double>(f[10], Col(x => x.AtHigh.Success), null, null, ct);
            await g.WriteAsync<double>(f[11], Col(x => x.AtLow.MedianTerminalReal), null, null, ct);
            await g.WriteAsync<double>(f[12], Col(x => x.AtHigh.MedianTerminalReal), null, null, ct);
            await g.WriteAsync<double>(f[13], Col(x => x.Swing), null, null, ct);
            await g.WriteAsync<double>(f[14], Col(_ => r.Base.Success), null, null, ct);
            await g.WriteAsync<double>(f[15], Col(_ => r.Base.MedianTerminalReal), null, null, ct);
        }, ct);
        await WriteTextAsync(svg, TornadoChart.Render(r), ct);
        return [json, parquet, svg];
    }

    private static Task WriteTextAsync(string path, string text, CancellationToken ct) =>
        AtomicFile.WriteAsync(path, async s => await s.WriteAsync(new UTF8Encoding(false).GetBytes(text), ct), ct);
}
