using BenchmarkDotNet.Attributes;
using Sim.Engine.Random;
using Sim.Engine.Returns;
using Sim.Engine.Scenarios;
using Sim.Engine.Simd;
using Sim.Engine.Simulation;

namespace Sim.Bench.Suites;

/// <summary>Random draws per stage: uniforms, normals (Box-Muller), correlated asset returns. 4,096 paths, one year.</summary>
[BenchmarkCategory("draws")]
public class DrawBenchmarks
{
    private const int Paths = 4096;
    private readonly double[] _a = new double[Paths];
    private readonly double[] _b = new double[Paths];
    private readonly double[] _normals = new double[Paths * 5];
    private readonly ReturnBlock _block = new(Paths);
    private IReturnGenerator _lognormal = null!;
    private IReturnGenerator _asRun = null!;

    [Params(SimdWidth.Scalar, SimdWidth.Vector256, SimdWidth.Vector512)]
    public SimdWidth Width { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var scenario = new Scenario();
        _lognormal = ReturnGenerators.Create(scenario, null, Width);
        // As the engine builds it for the default plan (stocks and bonds only): three normals, two exponentials.
        _asRun = ReturnGenerators.Create(scenario, null, Width, ReturnDemand.Of(YearPlan.Build(scenario)));
    }

    [Benchmark(OperationsPerInvoke = Paths * 2)]
    public void Uniforms() => NormalGenerator.FillUniforms(1, 0, 3, RandomStreams.Scratch, 0, _a, _b, Width);

    [Benchmark(OperationsPerInvoke = Paths * 5)]
    public void Normals() => NormalGenerator.Fill(1, 0, 3, RandomStreams.AssetNormals, 5, _normals, Width);

    [Benchmark(OperationsPerInvoke = Paths)]
    public void CorrelatedLognormalReturns() => _lognormal.Fill(3, 0, Paths, _block);

    [Benchmark(OperationsPerInvoke = Paths)]
    public void CorrelatedReturnsOfAStocksAndBondsPlan() => _asRun.Fill(3, 0, Paths, _block);
}
