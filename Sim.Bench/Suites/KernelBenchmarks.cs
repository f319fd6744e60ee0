using BenchmarkDotNet.Attributes;
using Sim.Engine.Returns;
using Sim.Engine.Scenarios;
using Sim.Engine.Simd;
using Sim.Engine.Simulation;

namespace Sim.Bench.Suites;

/// <summary>
/// The path kernel alone (draws excluded): one year for 4,096 paths, reported per path-year, in an accumulation year
/// (pure SIMD phases) and a distribution year with an RMD (the per-path phase runs too).
/// </summary>
[BenchmarkCategory("kernel")]
public class KernelBenchmarks
{
    private const int Paths = 4096;
    private readonly BlockScratch _scratch = new(Paths);
    private PathKernel _kernel = null!;
    private PathState _state = null!;
    private YearMetrics _metrics = null!;
    private YearPlan _accumulation = null!;
    private YearPlan _distribution = null!;

    [Params(SimdWidth.Scalar, SimdWidth.Vector256, SimdWidth.Vector512)]
    public SimdWidth Width { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var scenario = new Scenario
        {
            Participant = new Participant { BirthYear = 1991, RetirementAge = 65, Salary = 85_000 },
            Account = new Account { PretaxBalance = 60_000 },
        };
        var plan = YearPlan.Build(scenario);
        _accumulation = plan[0];
        _distribution = plan.First(p => p.RmdDivisor > 0);
        ReturnGenerators.Create(scenario, null).Fill(0, 0, Paths, _scratch.Returns);
        _kernel = new PathKernel(scenario, plan, Width);
        _state = new PathState(Paths);
        _metrics = new YearMetrics(Paths);
        _kernel.Initialize(_state, 0, Paths);
    }

    [Benchmark(OperationsPerInvoke = Paths)]
    public int AccumulationYear() => _kernel.Step(_accumulation, null, _state, _scratch, 0, Paths, _metrics).Failed;

    [Benchmark(OperationsPerInvoke = Paths)]
    public int DistributionYear() => _kernel.Step(_distribution, null, _state, _scratch, 0, Paths, _metrics).Failed;
}
