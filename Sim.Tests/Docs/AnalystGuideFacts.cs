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
        Assert.True(AnalystGuide.Blocks("sql").Count >= 12, "fewer SQL blocks than expected: did a fence change?");
        Assert.Equal(2, AnalystGuide.Blocks("python").Count);
    }

    [Theory]
    [MemberData(nameof(SqlBlocks))]
    public void SqlBlock_RunsAgainstRealOutput_AndReturnsRows(int index, string firstLine)
    {
        string sql = AnalystGuide.Blocks("sql")[index];
        Assert.Contains("'out/", sql, StringComparison.Ordinal);
        Assert.True(sql.TrimEnd().EndsWith(';') && sql.Count(c => c == ';') == 1,
            $"block {index} ({firstLine}) must be exactly one statement ending with ';'");

        var rows = Query(sql);

        Assert.True(rows.Rows.Count > 0, $"block {index} ({firstLine}) returned no rows");
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

        Assert.Equal(AnalystOutputFixture.Nights.Length * AnalystOutputFixture.Stresses.Length, result.Rows.Count);
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
        foreach (string file in output.RunFiles)
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
        foreach (string file in output.RunFiles)
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
