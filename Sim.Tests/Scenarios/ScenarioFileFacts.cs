using System.Text;
using Sim.Worker.Scenarios;
using static Sim.Tests.Scenarios.ScenarioTestSupport;

namespace Sim.Tests.Scenarios;

/// <summary>Loading scenario files: the 1 MiB cap, strict UTF-8, the file name as default name, history paths
/// relative to the file.</summary>
public sealed class ScenarioFileFacts : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void FileOverOneMiB_IsRefusedWithItsSize()
    {
        var path = _temp.Write("big.json", Padded(MinimalJson, (int)ScenarioFile.MaxBytes + 1));

        var loaded = ScenarioFile.Load(path, ClockYear);

        Assert.False(loaded.IsValid);
        Assert.Equal("$: the scenario is 1,048,577 bytes; the limit is 1 MiB (1,048,576 bytes)",
            Assert.Single(loaded.Result.Errors).ToString());
    }

    [Fact]
    public void FileOfExactlyOneMiB_IsAccepted()
    {
        var path = _temp.Write("edge.json", Padded(MinimalJson, (int)ScenarioFile.MaxBytes));

        Assert.Equal(ScenarioFile.MaxBytes, new FileInfo(path).Length);
        Assert.True(ScenarioFile.Load(path, ClockYear).IsValid);
    }

    [Fact]
    public void InlineJsonOverOneMiB_IsRefused()
    {
        var loaded = ScenarioFile.LoadInline(Padded(MinimalJson, (int)ScenarioFile.MaxBytes + 10), ClockYear);

        Assert.StartsWith("$: the scenario is 1,048,586 bytes", Assert.Single(loaded.Result.Errors).ToString());
    }

    [Fact]
    public void Load_KeepsTheRawText_AndTheDirectory_AndNamesTheScenarioAfterTheFile()
    {
        var text = "// comment kept in the raw text\n" + MinimalJson;
        var path = _temp.Write("sub/my-plan.json", text);

        var loaded = ScenarioFile.Load(path, ClockYear);

        Assert.True(loaded.IsValid);
        Assert.Equal(text, loaded.Json);
        Assert.Equal(Path.Combine(_temp.Path, "sub"), loaded.Directory);
        Assert.Equal("my-plan", loaded.Scenario!.Name);
        Assert.Null(loaded.HistoryPath);
    }

    [Fact]
    public void Load_MissingFile_IsAnErrorNotAnException()
    {
        var loaded = ScenarioFile.Load(Path.Combine(_temp.Path, "absent.json"), ClockYear);

        Assert.StartsWith("$: file not found:", Assert.Single(loaded.Result.Errors).ToString());
    }

    [Fact]
    public void Load_InvalidUtf8_IsAnError_ButAByteOrderMarkIsFine()
    {
        var bad = Path.Combine(_temp.Path, "latin1.json");
        File.WriteAllBytes(bad, [.. Encoding.UTF8.GetBytes("{ \"description\": \""), 0xE9, .. Encoding.UTF8.GetBytes("\" }")]);
        Assert.Equal("$: the file is not valid UTF-8 text", Assert.Single(ScenarioFile.Load(bad, ClockYear).Result.Errors).ToString());

        var bom = Path.Combine(_temp.Path, "bom.json");
        File.WriteAllBytes(bom, [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(MinimalJson)]);
        Assert.True(ScenarioFile.Load(bom, ClockYear).IsValid);
    }

    [Fact]
    public void HistoryPath_IsResolvedRelativeToTheScenarioFile()
    {
        _temp.Write("data/history.csv", "year,stocks,bonds,cash,inflation\n2000,0.1,0.05,0.02,0.03\n");
        var path = _temp.Write("plans/with-history.json", """
            { "participant": { "birthYear": 1991 }, "returns": { "model": "bootstrap", "history": "../data/history.csv" } }
            """);

        var loaded = ScenarioFile.Load(path, ClockYear);

        Assert.True(loaded.IsValid, string.Join(Environment.NewLine, loaded.Result.Errors));
        Assert.Equal(Path.Combine(_temp.Path, "data", "history.csv"), loaded.HistoryPath);
        Assert.Equal("../data/history.csv", loaded.Scenario!.Returns.History);
    }

    [Fact]
    public void HistoryPath_ThatDoesNotExist_IsAnErrorAtReturnsHistory()
    {
        var path = _temp.Write("p.json", """{ "participant": { "birthYear": 1991 }, "returns": { "history": "nope.csv" } }""");

        var loaded = ScenarioFile.Load(path, ClockYear);

        Assert.Equal($"$.returns.history: file not found: {Path.Combine(_temp.Path, "nope.csv")}",
            Assert.Single(loaded.Result.Errors).ToString());
        Assert.Null(loaded.Scenario);
    }

    [Fact]
    public void InlineScenario_MayNotNameAHistoryFile_WithoutABaseDirectory()
    {
        var loaded = ScenarioFile.LoadInline("""{ "participant": { "birthYear": 1991 }, "returns": { "history": "/etc/passwd" } }""", ClockYear);

        Assert.StartsWith("$.returns.history: a history CSV path is only allowed in a scenario file",
            Assert.Single(loaded.Result.Errors).ToString());
    }

    [Fact]
    public void LoadWithOverlay_MergesTheOverlayIntoTheFile()
    {
        var basePath = _temp.Write("base.json", MinimalJson);
        var overlayPath = _temp.Write("stress/fat.json", """
            { "name": "fat", "description": "t4", "overlay": { "returns": { "model": "studentT", "degreesOfFreedom": 4 } } }
            """);

        var loaded = ScenarioFile.LoadWithOverlay(basePath, overlayPath, ClockYear);

        Assert.True(loaded.IsValid, string.Join(Environment.NewLine, loaded.Result.Errors));
        Assert.Equal("base-fat", loaded.Scenario!.Name);
        Assert.Equal(Sim.Engine.Scenarios.ReturnModelKind.StudentT, loaded.Scenario.Returns.Model);
        Assert.Equal(85000, loaded.Scenario.Participant.Salary);
        Assert.Equal(_temp.Path, loaded.Directory);
    }

    /// <summary>The document followed by spaces up to exactly <paramref name="bytes"/> bytes (ASCII).</summary>
    private static string Padded(string json, int bytes) => json + new string(' ', bytes - Encoding.UTF8.GetByteCount(json));
}
