using System.Text.Json;
using Sim.Tests.Scenarios;
using Sim.Worker.Cli;

namespace Sim.Tests.Worker;

/// <summary>The solve, compare and sensitivity verbs: files written under the documented names with the documented
/// keys, no temporaries left, a target no value meets is an answer (exit 0), a mistake is a usage error (exit 2).</summary>
public sealed class AnalysisCommandFacts : IDisposable
{
    private readonly ScratchFolder _root = new("sim-analysis-cli");

    private static string Scenario(string name) => Path.Combine(ScenarioTestSupport.RepositoryRoot(), "scenarios", name + ".json");

    private static Task<int> Run(params string[] args) => CommandLine.InvokeAsync(CommandLine.Root(), args, TextWriter.Null, TextWriter.Null);

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Solve_WritesSolveJson_WithTheDocumentedKeys_AndAParquetRowPerTrial()
    {
        string outDir = _root.Combine("out");
        Assert.Equal(0, await Run("solve", Scenario("baseline"), "--for", "withdrawals.amount", "--target", "success=0.9",
            "--paths", "300", "--out", outDir));

        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "baseline", "solve.json"))).RootElement;
        foreach (var key in new[] { "field", "value", "resolution", "target", "achieved", "standardError", "trials" })
        {
            Assert.True(json.TryGetProperty(key, out _), key);
        }

        Assert.Equal("withdrawals.amount", json.GetProperty("field").GetString());
        Assert.Equal(1, json.GetProperty("resolution").GetDouble());
        Assert.Equal("success=0.9", json.GetProperty("target").GetString());
        Assert.All(json.GetProperty("trials").EnumerateArray(), t => Assert.True(t.TryGetProperty("value", out _) && t.TryGetProperty("achieved", out _)));
        Assert.Equal(json.GetProperty("trials").GetArrayLength(), DuckDb.Count(Path.Combine(outDir, "baseline", "solve.parquet")));
        Assert.StartsWith("withdrawals.amount = $", json.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.Empty(_root.Temporaries(outDir));
    }

    [Fact]
    public async Task ATargetNoValueMeets_ExitsZero_WithTheAnswerSaid()
    {
        string outDir = _root.Combine("none");
        Assert.Equal(0, await Run("solve", Scenario("baseline"), "--for", "participant.retirementAge", "--target", "terminalReal=900000000",
            "--paths", "100", "--out", outDir));
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "baseline", "solve.json"))).RootElement;
        Assert.Equal("noValueMeets", json.GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, json.TryGetProperty("value", out var v) ? v.ValueKind : JsonValueKind.Null);
        Assert.StartsWith("no participant.retirementAge from 35 to 95 reaches", json.GetProperty("answer").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompareAndSensitivity_WriteTheirFolders()
    {
        string outDir = _root.Combine("cs");
        Assert.Equal(0, await Run("compare", Scenario("baseline"), Scenario("roth-401k"), "--paths", "200", "--out", outDir));
        string folder = Path.Combine(outDir, "compare-baseline-roth-401k");
        Assert.Equal(["compare.json", "comparison.parquet", "difference.svg"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "compare.json"))).RootElement;
        foreach (var key in new[] { "scenarios", "success", "successDifference", "successDifferenceStandardError", "shareBAhead" })
        {
            Assert.True(summary.TryGetProperty(key, out _), key);
        }

        Assert.Equal(0, await Run("sensitivity", Scenario("baseline"), "--paths", "200", "--out", outDir));
        Assert.True(File.Exists(Path.Combine(outDir, "baseline", "tornado.svg")));
        Assert.Equal(5, DuckDb.Count(Path.Combine(outDir, "baseline", "sensitivity.parquet")));
        Assert.Empty(_root.Temporaries(outDir));
    }

    [Fact]
    public async Task ARunAndTheAnswers_ShareTheScenarioFolder_NeitherDeletesTheOthersFiles()
    {
        string outDir = _root.Combine("shared");
        string folder = Path.Combine(outDir, "baseline");
        Assert.Equal(0, await Run("run", Scenario("baseline"), "--paths", "100", "--paths-out", "--out", outDir));
        Assert.Equal(0, await Run("solve", Scenario("baseline"), "--for", "withdrawals.amount", "--paths", "100", "--out", outDir));
        Assert.Equal(0, await Run("sensitivity", Scenario("baseline"), "--paths", "100", "--out", outDir));
        string[] answers = ["solve.json", "solve.parquet", "solve.svg", "sensitivity.json", "sensitivity.parquet", "tornado.svg"];
        var before = answers.ToDictionary(n => n, n => File.ReadAllBytes(Path.Combine(folder, n)));
        Assert.True(File.Exists(Path.Combine(folder, "paths.parquet")), "the answers left the run's files in place");

        // A new run replaces the run's own files (paths.parquet of the old run is gone: this one did not ask for it)
        // and carries the answers over unchanged.
        Assert.Equal(0, await Run("run", Scenario("baseline"), "--paths", "120", "--out", outDir));
        Assert.False(File.Exists(Path.Combine(folder, "paths.parquet")));
        Assert.Equal(120, Convert.ToInt64(DuckDb.Scalar($"SELECT paths FROM read_parquet('{DuckDb.Quote(Path.Combine(folder, "summary.parquet"))}')"),
            System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (name, bytes) in before)
        {
            Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(folder, name)));
        }

        Assert.Equal(
            ["fan.svg", "percentiles.parquet", "sensitivity.json", "sensitivity.parquet", "solve.json", "solve.parquet", "solve.svg",
             "summary.parquet", "tornado.svg", "yearly.parquet"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Empty(_root.Temporaries(outDir));
    }

    [Theory]
    [InlineData("solve", "--for", "salary")]
    [InlineData("solve", "--target", "success=2")]
    [InlineData("compare")]
    public async Task Mistakes_AreUsageErrors_AndWriteNothing(params string[] extra)
    {
        string outDir = _root.Combine("bad");
        string[] args = extra[0] == "solve" && extra.Length > 1 && extra[1] == "--target"
            ? ["solve", Scenario("baseline"), "--for", "withdrawals.amount", .. extra[1..], "--out", outDir]
            : [extra[0], Scenario("baseline"), .. extra[1..], "--out", outDir];
        Assert.Equal(CommandLine.ExitUsage, await Run(args));
        Assert.False(Directory.Exists(outDir));
    }
}
