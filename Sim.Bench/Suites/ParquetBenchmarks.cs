using BenchmarkDotNet.Attributes;
using Sim.Engine.Scenarios;
using Sim.Engine.Simulation;
using Sim.Worker.Output;

namespace Sim.Bench.Suites;

/// <summary>Writing a run's Parquet files (61 years x 14 metrics x 7 levels) into memory.</summary>
[BenchmarkCategory("parquet")]
public class ParquetBenchmarks
{
    private SimulationResult _result = null!;
    private Dictionary<string, string> _metadata = null!;

    [GlobalSetup]
    public void Setup()
    {
        var scenario = new Scenario
        {
            Participant = new Participant { BirthYear = 1991, RetirementAge = 65, Salary = 85_000 },
            Account = new Account { PretaxBalance = 60_000 },
        };
        _result = SimulationEngine.Run(scenario, new SimulationOptions { Paths = 1000 });
        _metadata = ResultParquet.Metadata(_result, "bench", "{}");
    }

    [Benchmark]
    public async Task<long> PercentilesFile()
    {
        using var stream = new MemoryStream();
        await ResultParquet.WritePercentilesAsync(stream, _result, "bench", _metadata, default);
        return stream.Length;
    }

    [Benchmark]
    public async Task<long> SummaryAndYearlyFiles()
    {
        using var stream = new MemoryStream();
        await ResultParquet.WriteYearlyAsync(stream, _result, "bench", _metadata, default);
        await ResultParquet.WriteSummaryAsync(stream, _result, "bench", 0, _metadata, default);
        return stream.Length;
    }
}
