using Sim.Worker.Output;
using Sim.Worker.Jobs;

namespace Sim.Tests.Worker;

public sealed class RunStoreFacts : IDisposable
{
    private const string Id = "00112233aabbccdd";
    private readonly ScratchFolder _root = new();
    private readonly RunStore _store;

    public RunStoreFacts() => _store = new RunStore(_root.Combine("out"));

    public void Dispose() => _root.Dispose();

    private static RunRequest Request(int paths) => new()
    {
        ScenarioJson = "{}", ScenarioName = "a", Paths = paths, Seed = 1, StartYear = 2026, EngineVersion = "x",
    };

    [Fact]
    public void State_RoundTripsThroughStateJson_WithoutTemporaryFiles()
    {
        var state = new RunState
        {
            RunId = Id, Status = RunStatus.Running, Progress = 42.5, Computations = 1, Files = ["a.parquet"],
            CreatedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        };

        _store.SaveState(state);
        _store.SaveState(state with { Progress = 50 });

        var loaded = _store.LoadState(Id)!;
        Assert.Equal(50, loaded.Progress);
        Assert.Equal(RunStatus.Running, loaded.Status);
        Assert.Equal(["a.parquet"], loaded.Files);
        Assert.Equal(state.CreatedAt, loaded.CreatedAt);
        Assert.Contains("\"status\": \"running\"", File.ReadAllText(Path.Combine(_store.RunDirectory(Id), "state.json")), StringComparison.Ordinal);
        Assert.Empty(_root.Temporaries());
    }

    [Fact]
    public void SaveRequest_KeepsTheFirstRequestOfAnId()
    {
        _store.SaveRequest(Id, Request(100));
        _store.SaveRequest(Id, Request(200));

        Assert.Equal(100, _store.LoadRequest(Id)!.Paths);
        Assert.Empty(_root.Temporaries());
    }

    [Fact]
    public void Publish_KeepsExactlyOneResult_WhenTwoAttemptsFinish()
    {
        var first = _store.CreateAttemptDirectory(Id);
        var second = _store.CreateAttemptDirectory(Id);
        File.WriteAllText(Path.Combine(first, "summary.parquet"), "first");
        File.WriteAllText(Path.Combine(second, "summary.parquet"), "second");

        Assert.True(_store.Publish(Id, first));
        Assert.False(_store.Publish(Id, second));

        Assert.Equal("first", File.ReadAllText(Path.Combine(_store.ResultDirectory(Id), "summary.parquet")));
        Assert.Equal([_store.ResultDirectory(Id)], Directory.EnumerateDirectories(_store.RunDirectory(Id)));
    }

    [Fact]
    public void DeleteTemporaries_RemovesAttemptFoldersAndTemporaryFiles()
    {
        _store.CreateAttemptDirectory(Id);
        File.WriteAllText(Path.Combine(_store.RunDirectory(Id), "state.json" + AtomicFile.TemporaryMarker + "abc"), "{");

        Assert.Equal(2, _store.DeleteTemporaries(Id));
        Assert.Empty(_root.Temporaries());
    }

    [Theory]
    [InlineData("summary.parquet", true)]
    [InlineData("terminal_balance-2.parquet", true)]
    [InlineData("../state.json", false)]
    [InlineData("..%2Fstate.json", false)]
    [InlineData("/etc/passwd", false)]
    [InlineData("result/summary.parquet", false)]
    [InlineData("..\\summary.parquet", false)]
    [InlineData("summary.parquet.tmp-1", false)]
    [InlineData("fan.svg", true)]
    [InlineData("fan.svg.tmp-1", false)]
    [InlineData("state.json", false)]
    [InlineData(".parquet", false)]
    public void IsResultFileName_AcceptsOnlyPlainParquetAndSvgNames(string name, bool expected) =>
        Assert.Equal(expected, RunStore.IsResultFileName(name));

    [Fact]
    public void ResultFile_NeverResolvesOutsideTheResultFolder()
    {
        var attempt = _store.CreateAttemptDirectory(Id);
        File.WriteAllText(Path.Combine(attempt, "summary.parquet"), "x");
        _store.Publish(Id, attempt);
        _store.SaveState(new RunState { RunId = Id, Status = RunStatus.Succeeded });

        Assert.NotNull(_store.ResultFile(Id, "summary.parquet"));
        Assert.Null(_store.ResultFile(Id, "../state.json"));
        Assert.Null(_store.ResultFile("../" + Id, "summary.parquet"));
        Assert.Null(_store.ResultFile(Id, "missing.parquet"));
    }
}
