using BenchmarkDotNet.Attributes;
using Sim.Engine.Statistics;

namespace Sim.Bench.Suites;

/// <summary>Percentile extraction over one year and metric of a million paths: exact radix select vs sort.</summary>
[BenchmarkCategory("percentiles")]
public class PercentileBenchmarks
{
    private static readonly double[] Levels = [5, 10, 25, 50, 75, 90, 95];
    private readonly double[] _dest = new double[Levels.Length];
    private double[] _values = [];

    [Params(1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new System.Random(42);
        _values = Enumerable.Range(0, N).Select(_ => Math.Exp(12 + rng.NextDouble() * 2)).ToArray();
    }

    [Benchmark(Baseline = true)]
    public void Sort() => Percentiles.ComputeBySorting(_values, Levels, _dest);

    [Benchmark]
    public void Select() => Percentiles.Compute(_values, Levels, _dest);
}
