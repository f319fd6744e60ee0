using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Sim.Engine.Simulation;

namespace Sim.Tests.Docs;

/// <summary>
/// docs/analysts.md cannot rot: every ```sql block runs with DuckDB against real worker output (see
/// <see cref="AnalystOutputFixture"/>) and returns rows, the key snippets return the right numbers, every column,
/// metric and metadata key the worker writes is described, and the Python blocks parse.
/// </summary>
public sealed class AnalystGuideFacts(AnalystOutputFixture output) : IClassFixture<AnalystOutputFixture>
{
    public static TheoryData<int, string> SqlBlocks()
    {
        var data = new TheoryData<int, string>();
        var blocks = AnalystGuide.Blocks("sql");
        for (int i = 0; i < blocks.Count; i++)
        {
            data.Add(i, blocks[i].Split('\n')[0]);
        }

        return data;
    }

    [Fact]
    public void Guide_HasTheSnippetsItPromises()
    {
        Assert.True(AnalystGuide.Blocks("sql").Count >= 16, "fewer SQL blocks than expected: did a fence change?");
        Assert.Equal(2, AnalystGuide.Blocks("python").Count);
        Assert.Equal(4, ExportBlocks.Count);
    }

    [Theory]
    [MemberData(nameof(SqlBlocks))]
    public void SqlBlock_RunsAgainstRealOutput_AndReturnsRows(int index, string firstLine)
    {
        string sql = AnalystGuide.Blocks("sql")[index];
        Assert.Contains("'out/", sql, StringComparison.Ordinal);
        Assert.True(sql.TrimEnd().EndsWith(';') && sql.Count(c => c == ';') == 1,
            $"block {index} ({firstLine}) must be exactly one statement ending with ';'");

        if (sql.StartsWith("COPY", StringComparison.Ordinal))
        {
            var csv = ExportTarget(sql);
            Query(sql);
            Assert.True(File.Exists(csv) && File.ReadLines(csv).Skip(1).Any(), $"block {index} ({firstLine}) wrote no rows to {csv}");
            return;
        }

        var rows = Query(sql);

        Assert.True(rows.Rows.Count > 0, $"block {index} ({firstLine}) returned no rows");
    }

    /// <summary>
    /// The pandas block, run with a python3 that has pandas (Debian's python3-pandas) on the CSV files the export
    /// blocks write; its numbers must be the Parquet files' numbers, per scenario (never averaged over scenarios).
    /// </summary>
    [PandasFact]
    public void PandasBlock_RunsOnTheExportedCsv_AndGetsTheStoredNumbers()
    {
        Assert.True(PandasFactAttribute.Python is not null,
            $"{PandasFactAttribute.Variable}=1 but no python3 on the PATH imports pandas: apt-get install -y python3-pandas");
        foreach (var export in ExportBlocks)
        {
            Query(export);
        }

        var block = Assert.Single(AnalystGuide.Blocks("python"), b => b.Contains("pd.read_csv", StringComparison.Ordinal));
        const string report = """

            import json
            print("RESULT " + json.dumps({
                "success": float(summary["success_probability"][0]),
                "p50_at_65": float(wide.loc[65, "p50"]),
                "nights": {str(d.date()): {s: float(v) for s, v in row.items()} for d, row in baseline_success.iterrows()},
                "saver": [float(v) for v in success[("saver", "none")]],
                "recomputed_at_65": float(recomputed.loc[65]),
            }))
            """;
        var start = new ProcessStartInfo(PandasFactAttribute.Python!)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = output.Root,
        };
        start.ArgumentList.Add("-");
        using var p = Process.Start(start)!;
        p.StandardInput.Write(block + report);
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"the pandas block failed:\n{stderr}");
        var line = stdout.Result.Split('\n').Single(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        using var json = System.Text.Json.JsonDocument.Parse(line["RESULT ".Length..]);
        var r = json.RootElement;

        double Stored(string sql) => Convert.ToDouble(Query(sql).Rows[0][0], CultureInfo.InvariantCulture);
        Assert.Equal(Stored("SELECT success_probability FROM read_parquet('out/baseline/summary.parquet');"), r.GetProperty("success").GetDouble(), 12);
        var p50 = Stored("SELECT value FROM read_parquet('out/baseline/percentiles.parquet') WHERE metric = 'balance_real' AND percentile = 50 AND age = 65;");
        Assert.Equal(p50, r.GetProperty("p50_at_65").GetDouble(), 6);
        Assert.Equal(p50, r.GetProperty("recomputed_at_65").GetDouble(), 6);
        foreach (var night in AnalystOutputFixture.Nights)
        {
            foreach (var stress in AnalystOutputFixture.Stresses)
            {
                var stored = Stored($"SELECT success_probability FROM read_parquet('out/nightly/date={night}/scenario=baseline/stress={stress}/summary.parquet');");
                Assert.Equal(stored, r.GetProperty("nights").GetProperty(night).GetProperty(stress).GetDouble(), 12);
            }
        }

        // The fact would be weak if the two scenarios had the same success: an average would then look right.
        Assert.All(r.GetProperty("saver").EnumerateArray(), s => Assert.NotEqual(r.GetProperty("nights").GetProperty(AnalystOutputFixture.Nights[0]).GetProperty("none").GetDouble(), s.GetDouble(), 3));
    }

    private static IReadOnlyList<string> ExportBlocks =>
        AnalystGuide.Blocks("sql").Where(b => b.StartsWith("COPY", StringComparison.Ordinal)).ToList();

    private string ExportTarget(string sql)
    {
        var to = sql.IndexOf(" TO 'out/", StringComparison.Ordinal);
        var path = sql[(to + " TO '".Length)..];
        return Path.Combine(output.Root, path[..path.IndexOf('\'')]);
    }

    [Fact]
    public void RecomputedMedian_EqualsTheStoredPercentile_AtEveryAge()
    {
        var result = Query(Single("quantile_cont(balance_real, 0.5)"));

        Assert.Equal(AnalystOutputFixture.Baseline.Years, result.Rows.Count);
        foreach (var row in result.Rows)
        {
            double stored = (double)row[result.Column("stored")]!, recomputed = (double)row[result.Column("recomputed")]!;
            Assert.True(Math.Abs(stored - recomputed) <= 1e-9 * Math.Max(1, Math.Abs(stored)),
                $"age {row[0]}: stored {stored}, recomputed {recomputed}");
        }
    }

    [Fact]
    public void PercentilesWide_HasAnAgeColumnAndOneColumnPerLevel()
    {
        var result = Query(Single("ON level IN"));

        Assert.Equal(["age", "p5", "p10", "p25", "p50", "p75", "p90", "p95"], result.Columns);
        Assert.Equal(AnalystOutputFixture.Baseline.Years, result.Rows.Count);
        Assert.Equal(45, Convert.ToInt32(result.Rows[0][0], CultureInfo.InvariantCulture)); // born 1981, 2026
        foreach (var row in result.Rows)
        {
            var levels = row.Skip(1).Select(v => (double)v!).ToArray();
            Assert.Equal(levels.Order(), levels); // p5 <= p10 <= ... <= p95
        }
    }

    [Fact]
    public void SuccessOverNights_HasOneRowPerNightAndStress_WithTheHiveDate()
    {
        var result = Query(Single("lag(success_probability)"));

        Assert.Equal(AnalystOutputFixture.Nights.Length * (AnalystOutputFixture.Stresses.Length + 1), result.Rows.Count); // + the saver
        var dates = result.Rows.Select(r => Convert.ToString(r[result.Column("date")], CultureInfo.InvariantCulture))
            .Distinct().Order().ToArray();
        Assert.Equal(2, dates.Length);
        Assert.All(result.Rows.Where(r => r[result.Column("change_pct")] is null),
            r => Assert.Equal(DateOnly.Parse(AnalystOutputFixture.Nights[0], CultureInfo.InvariantCulture), r[result.Column("date")]));
    }

    [Fact]
    public void EveryColumnWritten_IsDescribedInTheGuide()
    {
        string guide = AnalystGuide.Text;
        foreach (string file in AnalystOutputFixture.RunFiles)
        {
            var columns = Query($"DESCRIBE SELECT * FROM read_parquet('out/baseline/{file}');").Rows.Select(r => (string)r[0]!);
            foreach (string column in columns)
            {
                string documented = column.StartsWith("terminal_balance_real_p", StringComparison.Ordinal)
                    ? "`terminal_balance_real_p<NN>`"
                    : column.StartsWith("terminal_balance_p", StringComparison.Ordinal)
                        ? "`terminal_balance_p<NN>`"
                        : $"`{column}`";
                Assert.True(guide.Contains(documented, StringComparison.Ordinal),
                    $"{file}: column {column} is not described in docs/analysts.md");
            }
        }
    }

    [Fact]
    public void EveryMetric_HasARowInTheMetricsTable()
    {
        string guide = AnalystGuide.Text;
        Assert.All(Metrics.All, m => Assert.Contains($"| `{m}` | ", guide, StringComparison.Ordinal));
    }

    [Fact]
    public void EveryMetadataKey_HasARowInTheMetadataTable()
    {
        string guide = AnalystGuide.Text;
        foreach (string file in AnalystOutputFixture.RunFiles)
        {
            var keys = Query($"SELECT decode(key) FROM parquet_kv_metadata('out/baseline/{file}');").Rows.Select(r => (string)r[0]!);
            Assert.All(keys, k => Assert.True(guide.Contains($"| `{k}` |", StringComparison.Ordinal),
                $"{file}: metadata key {k} is not described in docs/analysts.md"));
        }
    }

    [PythonFact]
    public void PythonBlocks_AreValidPython()
    {
        foreach (string block in AnalystGuide.Blocks("python"))
        {
            var start = new ProcessStartInfo(PythonFactAttribute.Python!)
            {
                RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("import ast, sys; ast.parse(sys.stdin.read())");
            using var p = Process.Start(start)!;
            p.StandardInput.Write(block);
            p.StandardInput.Close();
            string error = p.StandardError.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, $"a python block does not parse:\n{error}\n{block}");
        }
    }

    private static string Single(string marker) =>
        Assert.Single(AnalystGuide.Blocks("sql"), b => b.Contains(marker, StringComparison.Ordinal));

    private sealed record Result(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows)
    {
        public int Column(string name) => Columns.ToList().IndexOf(name) is >= 0 and var i
            ? i
            : throw new KeyNotFoundException($"no column {name}; have {string.Join(", ", Columns)}");
    }

    /// <summary>Runs a snippet with its relative <c>'out/...</c> paths pointed at the fixture's folder.</summary>
    private Result Query(string sql)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql.Replace("'out/", $"'{output.Root.Replace('\\', '/')}/out/", StringComparison.Ordinal);
        using var reader = command.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i)).ToArray());
        }

        return new Result(columns, rows);
    }
}

/// <summary>
/// A fact that needs a python3 with pandas (Debian's python3-pandas). Without one it is skipped with the reason,
/// unless <see cref="Variable"/>=1 (CI sets it after installing python3-pandas): then it runs and fails, saying what
/// is missing.
/// </summary>
public sealed class PandasFactAttribute : FactAttribute
{
    public const string Variable = "SIM_TEST_PANDAS";

    /// <summary>The first python3 on the PATH (then /usr/bin/python3) that imports pandas, or null.</summary>
    public static readonly string? Python = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(System.IO.Path.PathSeparator)
        .Select(d => System.IO.Path.Combine(d, "python3"))
        .Append("/usr/bin/python3")
        .Where(File.Exists)
        .Distinct()
        .FirstOrDefault(ImportsPandas);

    public PandasFactAttribute()
    {
        if (Python is null && Environment.GetEnvironmentVariable(Variable) != "1")
        {
            Skip = "no python3 with pandas (apt-get install -y python3-pandas): the pandas block of docs/analysts.md was not run; "
                   + $"{Variable}=1 makes this a failure instead";
        }
    }

    private static bool ImportsPandas(string python)
    {
        try
        {
            var start = new ProcessStartInfo(python) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("import pandas");
            using var p = Process.Start(start)!;
            p.StandardOutput.ReadToEnd();
            p.StandardError.ReadToEnd();
            return p.WaitForExit(30_000) && p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

/// <summary>A fact that needs python3 on the PATH (only to parse the guide's Python blocks); skipped without it.</summary>
public sealed class PythonFactAttribute : FactAttribute
{
    public static readonly string? Python = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(System.IO.Path.PathSeparator)
        .Select(d => System.IO.Path.Combine(d, "python3"))
        .FirstOrDefault(File.Exists);

    public PythonFactAttribute()
    {
        if (Python is null)
        {
            Skip = "python3 is not on the PATH; the Python blocks of docs/analysts.md were not parsed";
        }
    }
}
