using Sim.Tests.Scenarios;
using Sim.Tests.Worker;

namespace Sim.Tests.Simulation;

/// <summary>
/// Identical numbers on every instruction set, checked inside <c>dotnet test</c> (as ImageSharp's feature test
/// runner does): the worker runs the same scenario in child processes with AVX-512 switched off
/// (<c>DOTNET_EnableAVX512=0</c>, the AVX2 path) and with hardware intrinsics switched off
/// (<c>DOTNET_EnableHWIntrinsic=0</c>, the scalar path), and every percentile must equal the default process's bit for
/// bit. The scenario uses guardrails with REITs and a path count that is not a multiple of any width, so the
/// vectorized distribution phase, the return generators and every remainder path run.
/// </summary>
public sealed class InstructionSetFacts : IDisposable
{
    private readonly ScratchFolder _root = new("sim-isa");

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Percentiles_AreIdentical_WithAvx512Off_AndWithIntrinsicsOff()
    {
        string scenario = Path.Combine(ScenarioTestSupport.RepositoryRoot(), "scenarios", "target-date-reits.json");
        var runs = new (string Name, Dictionary<string, string> Environment)[]
        {
            ("default", []),
            ("avx512-off", new() { ["DOTNET_EnableAVX512"] = "0" }),
            ("intrinsics-off", new() { ["DOTNET_EnableHWIntrinsic"] = "0" }),
        };

        var values = new List<IReadOnlyList<object?[]>>();
        foreach (var (name, environment) in runs)
        {
            string output = _root.Combine(name);
            using var process = WorkerProcess.Start(_root.Path, environment, "run", scenario, "--out", output, "--paths", "1003",
                "--threads", "2");
            await process.WaitForExitAsync(TimeSpan.FromSeconds(300));
            Assert.True(process.ExitCode == 0, $"{name}: exit {process.ExitCode}: {string.Join(" | ", process.StdErr)}");
            string file = Directory.EnumerateFiles(output, "percentiles.parquet", SearchOption.AllDirectories).Single();
            values.Add(DuckDb.Rows(
                $"SELECT metric, year, percentile, value FROM read_parquet('{DuckDb.Quote(file)}') ORDER BY metric, year, percentile"));
        }

        Assert.NotEmpty(values[0]);
        for (int k = 1; k < values.Count; k++)
        {
            Assert.Equal(values[0].Count, values[k].Count);
            for (int r = 0; r < values[0].Count; r++)
            {
                Assert.True(values[0][r].SequenceEqual(values[k][r]),
                    $"{runs[k].Name}: row {r} differs: {string.Join(", ", values[0][r])} vs {string.Join(", ", values[k][r])}");
            }
        }
    }
}
