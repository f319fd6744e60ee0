using Sim.Engine.Scenarios;
using Sim.Engine.Simd;
using Sim.Engine.Simulation;

namespace Sim.Tests.Simulation;

/// <summary>Scenarios built in code for engine tests, and small helpers to read a run's numbers.</summary>
internal static class TestScenarios
{
    /// <summary>Every standard deviation 0: each path is the same closed-form life.</summary>
    public static Scenario ZeroVolatility(Scenario s) => s with
    {
        Returns = s.Returns with
        {
            Stocks = s.Returns.Stocks with { Stdev = 0 },
            Bonds = s.Returns.Bonds with { Stdev = 0 },
            Cash = s.Returns.Cash with { Stdev = 0 },
            Reits = s.Returns.Reits with { Stdev = 0 },
            Inflation = s.Returns.Inflation with { Stdev = 0 },
        },
    };

    public static Scenario Basic(int birthYear, int retirementAge, int endAge = 95, double salary = 85_000,
        double pretax = 100_000) => new()
    {
        Name = "test",
        Simulation = new SimulationSettings { Paths = 64, Seed = 1, StartYear = 2026 },
        Participant = new Participant
        {
            BirthYear = birthYear, RetirementAge = retirementAge, EndAge = endAge, Salary = salary,
        },
        Account = new Account { PretaxBalance = pretax },
        Allocation = new Allocation { Type = AllocationType.Fixed, Weights = new AssetWeights(0.6, 0.4, 0, 0) },
    };

    public static SimulationResult Run(Scenario s, int? paths = null, int threads = 1,
        SimdWidth width = SimdWidth.Auto, int blockSize = SimulationOptions.DefaultBlockSize) =>
        SimulationEngine.Run(s, new SimulationOptions
        {
            Paths = paths, Threads = threads, Width = width, BlockSize = blockSize,
        });

    public static int YearIndex(SimulationResult r, int year) => Array.IndexOf(r.Years, year);

    /// <summary>The median of a metric in a calendar year (every path is equal under zero volatility).</summary>
    public static double Median(SimulationResult r, Metric m, int year) =>
        r.Percentile(m, YearIndex(r, year), r.Levels.ToList().IndexOf(50));
}
