using Sim.Engine.Scenarios;
using Sim.Engine.Simd;
using Sim.Engine.Simulation;

namespace Sim.Tests.Simulation;

/// <summary>Same scenario and seed → the same numbers for any thread count, block split and vector width.</summary>
public class ReproducibilityFacts
{
    // 3,001 paths: not a multiple of any block size or vector width, so every remainder path is exercised.
    private const int Paths = 3_001;

    private static Scenario Volatile() => TestScenarios.Basic(1980, 62, endAge: 90, pretax: 150_000) with
    {
        Allocation = new Allocation { Type = AllocationType.AgeInBonds, Reits = 0.1, Cash = 0.05 },
        Withdrawals = new Withdrawals { Strategy = new GuardrailsStrategy() },
        Taxes = new Taxes { Method = TaxMethod.Brackets, OtherIncome = 20_000 },
    };

    public static IEnumerable<object[]> Splits() =>
    [
        [1, 4096, SimdWidth.Scalar],
        [2, 333, SimdWidth.Vector256],
        [8, 64, SimdWidth.Vector512],
        [8, 8, SimdWidth.Scalar],
        [2, 1000, SimdWidth.Auto],
    ];

    [Theory]
    [MemberData(nameof(Splits))]
    public void SameSeed_GivesIdenticalNumbers_ForAnyThreadsBlocksAndWidth(int threads, int block, SimdWidth width)
    {
        var reference = TestScenarios.Run(Volatile(), Paths, threads: 1, width: SimdWidth.Scalar, blockSize: 4096);
        var other = TestScenarios.Run(Volatile(), Paths, threads, width, block);
        Assert.Equal(Flatten(reference), Flatten(other));
        Assert.Equal(reference.Yearly.ShareFailed, other.Yearly.ShareFailed);
        Assert.Equal(reference.Yearly.MeanBalance, other.Yearly.MeanBalance);
        Assert.Equal(reference.Summary.MeanTotalTaxes, other.Summary.MeanTotalTaxes);
    }

    [Theory]
    [InlineData(8192, 2)]
    [InlineData(1000, 2)]
    [InlineData(333, 1)]
    public void Means_AreTheSameBits_WhetherTheBlocksOrTheReductionSumTheChunks(int block, int threads)
    {
        // 10,000 paths: three chunks of PathMean. Blocks of 4096 and 8192 sum their chunks as they step; other block
        // sizes leave the chunks to the reduction.
        var reference = TestScenarios.Run(Volatile(), 10_000, threads: 2, blockSize: 4096);
        var other = TestScenarios.Run(Volatile(), 10_000, threads, blockSize: block);
        Assert.Equal(reference.Yearly.MeanBalance, other.Yearly.MeanBalance);
        Assert.Equal(reference.Yearly.MeanBalanceReal, other.Yearly.MeanBalanceReal);
        Assert.Equal(reference.Yearly.MeanWithdrawals, other.Yearly.MeanWithdrawals);
        Assert.Equal(reference.Summary.MeanTotalTaxes, other.Summary.MeanTotalTaxes);
        Assert.Contains(reference.Yearly.MeanWithdrawals, w => w > 0);
    }

    [Fact]
    public void AnotherSeed_GivesDifferentNumbers()
    {
        var a = TestScenarios.Run(Volatile(), Paths);
        var b = TestScenarios.Run(Volatile() with { Simulation = Volatile().Simulation with { Seed = 2 } }, Paths);
        Assert.NotEqual(Flatten(a), Flatten(b));
    }

    [Fact]
    public void FirstPaths_DoNotDependOnHowManyPathsRun()
    {
        // Path i's draws are keyed by (seed, i, year, stream): a 1-path run is path 0 of any larger run.
        var one = SimulationEngine.Run(Volatile(), new SimulationOptions { Paths = 1 });
        var observer = new FirstPathObserver();
        SimulationEngine.Run(Volatile(), new SimulationOptions { Paths = 500 }, observer: observer);
        for (int t = 0; t < one.Years.Length; t++)
        {
            Assert.Equal(one.Percentile(Metric.Balance, t, 0), observer.Balances[t]);
        }
    }

    internal static double[] Flatten(SimulationResult r) => r.Percentiles.Cast<double>().ToArray();

    private sealed class FirstPathObserver : IYearObserver
    {
        public List<double> Balances { get; } = [];

        public void OnYear(YearPlan year, YearMetrics metrics, int paths) => Balances.Add(metrics[Metric.Balance][0]);
    }
}
