using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Sim.Engine.Simulation;
using Sim.Tests.Scenarios;
using Sim.Worker.Runs;
using Sim.Worker.Scenarios;

namespace Sim.Tests.Worker;

/// <summary>
/// The files of a run, read back the way an analyst's notebook reads them: DuckDB's read_parquet. A small run with
/// raw paths lets DuckDB recompute every percentile with quantile_cont and compare it with the engine's.
/// </summary>
public sealed class RunOutputFacts : IClassFixture<RunOutputFacts.SmallRun>
{
    private readonly SmallRun _run;

    public RunOutputFacts(SmallRun run) => _run = run;

    /// <summary>One 501-path run of the loan scenario (loans, deemed distribution, penalties: every metric moves).</summary>
    public sealed class SmallRun : IAsyncLifetime, IDisposable
    {
        internal TempFolder Folder { get; } = new();
        public RunOutcome Outcome { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var loaded = ScenarioFile.Load(Path.Combine(ScenarioTestSupport.RepositoryRoot(), "scenarios", "loan-then-leave.json"));
            Assert.True(loaded.Result.IsValid, string.Join("; ", loaded.Result.Errors));
            Outcome = await ScenarioRunner.RunAsync(loaded.Result.Scenario!, loaded.Json, loaded.Directory,
                new RunOverrides(Paths: 501, PathsOut: true), Folder.Path, null, CancellationToken.None);
        }

        public Task DisposeAsync() => Task.CompletedTask;

        public string File(string name) => Path.Combine(Folder.Path, name).Replace('\\', '/');

        public void Dispose() => Folder.Dispose();
    }

    private static object? Scalar(string sql)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    [Fact]
    public void PercentilesFile_HasTheTidyLayout_WithTypedColumns()
    {
        string f = _run.File("percentiles.parquet");
        var r = _run.Outcome.Result;
        string types = (string)Scalar($"SELECT string_agg(column_name || ':' || column_type, ',' ORDER BY column_name) FROM (DESCRIBE SELECT * FROM read_parquet('{f}'))")!;
        Assert.Equal("age:INTEGER,metric:VARCHAR,percentile:DOUBLE,run_id:VARCHAR,scenario:VARCHAR,value:DOUBLE,year:INTEGER", types);
        Assert.Equal((long)(Metrics.Count * r.Years.Length * r.Levels.Count), Convert.ToInt64(Scalar($"SELECT count(*) FROM read_parquet('{f}')")));
        // Sorted by metric, year, percentile: the row order equals the sorted order.
        Assert.Equal(0L, Convert.ToInt64(Scalar($"""
            WITH t AS (SELECT row_number() OVER () AS rn, metric, year, percentile FROM read_parquet('{f}')),
                 s AS (SELECT row_number() OVER (ORDER BY metric, year, percentile) AS rn, metric, year, percentile FROM t)
            SELECT count(*) FROM t JOIN s USING (rn) WHERE t.metric <> s.metric OR t.year <> s.year OR t.percentile <> s.percentile
            """)));
        Assert.Equal(5.0, Convert.ToDouble(Scalar($"SELECT min(percentile) FROM read_parquet('{f}')"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public void QuantileCont_OverRawPaths_EqualsTheEnginesPercentiles_ForEveryMetricYearAndLevel()
    {
        string paths = _run.File("paths.parquet"), pct = _run.File("percentiles.parquet");
        // quantile_cont takes constant levels: one branch per level, as a notebook user would loop over them.
        string perLevel = string.Join(" UNION ALL ", _run.Outcome.Result.Levels.Select(level =>
        {
            string p = level.ToString(CultureInfo.InvariantCulture), q = (level / 100).ToString("R", CultureInfo.InvariantCulture);
            return $"SELECT metric, year, {p}::DOUBLE AS percentile, quantile_cont(value, {q}) AS v FROM raw GROUP BY metric, year";
        }));
        string sql = $"""
            WITH raw AS (
                UNPIVOT (SELECT * EXCLUDE (run_id, path, age) FROM read_parquet('{paths}'))
                ON COLUMNS(* EXCLUDE (year)) INTO NAME metric VALUE value),
            q AS ({perLevel})
            SELECT count(*) || ' ' || max(abs(q.v - e.value) / greatest(1, abs(e.value)))
            FROM q JOIN read_parquet('{pct}') e USING (metric, year, percentile)
            """;
        string[] result = ((string)Scalar(sql)!).Split(' ');
        var r = _run.Outcome.Result;
        Assert.Equal(Metrics.Count * r.Years.Length * r.Levels.Count, int.Parse(result[0], CultureInfo.InvariantCulture));
        Assert.True(double.Parse(result[1], CultureInfo.InvariantCulture) <= 1e-12, $"largest relative difference {result[1]}");
    }

    [Fact]
    public void PathsFile_HasOneRowPerPathAndYear()
    {
        var r = _run.Outcome.Result;
        Assert.Equal((long)r.Paths * r.Years.Length,
            Convert.ToInt64(Scalar($"SELECT count(*) FROM read_parquet('{_run.File("paths.parquet")}')")));
        Assert.Equal(501L, Convert.ToInt64(Scalar($"SELECT count(DISTINCT path) FROM read_parquet('{_run.File("paths.parquet")}')")));
    }

    [Fact]
    public void SummaryAndYearly_AgreeWithTheRawPaths()
    {
        var r = _run.Outcome.Result;
        string summary = _run.File("summary.parquet"), yearly = _run.File("yearly.parquet"), paths = _run.File("paths.parquet");
        Assert.Equal(1L, Convert.ToInt64(Scalar($"SELECT count(*) FROM read_parquet('{summary}')")));
        Assert.Equal(r.Summary.SuccessProbability,
            Convert.ToDouble(Scalar($"SELECT success_probability FROM read_parquet('{summary}')"), CultureInfo.InvariantCulture));
        Assert.Equal(r.Years.Length, Convert.ToInt32(Scalar($"SELECT count(*) FROM read_parquet('{yearly}')")));
        // Mean balance per year, recomputed from the raw paths.
        double worst = Convert.ToDouble(Scalar($"""
            SELECT max(abs(y.mean_balance - p.m) / greatest(1, p.m))
            FROM read_parquet('{yearly}') y JOIN (SELECT year, avg(balance) AS m FROM read_parquet('{paths}') GROUP BY year) p USING (year)
            """), CultureInfo.InvariantCulture);
        Assert.True(worst < 1e-12, $"mean balance differs by {worst}");
    }

    [Fact]
    public void KeyValueMetadata_CarriesTheScenarioSeedPathsModelAndEngineVersion()
    {
        string f = _run.File("summary.parquet");
        string Meta(string key) => (string)Scalar(
            $"SELECT decode(value) FROM parquet_kv_metadata('{f}') WHERE decode(key) = '{key}'")!;
        Assert.Equal("501", Meta("paths"));
        Assert.Equal(_run.Outcome.Result.Seed.ToString(CultureInfo.InvariantCulture), Meta("seed"));
        Assert.Equal("lognormal", Meta("return_model"));
        Assert.Equal(Sim.Engine.EngineInfo.Version, Meta("engine_version"));
        Assert.Contains("\"loan-then-leave\"", Meta("scenario_json"));
        Assert.Equal(_run.Outcome.RunId, Meta("run_id"));
    }

    [Fact]
    public void NoTemporaryFilesAreLeftBehind()
    {
        Assert.Empty(Directory.GetFiles(_run.Folder.Path, "*.tmp-*", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(_run.Folder.Path, ".*", SearchOption.AllDirectories));
    }
}
