using Sim.Engine.Analysis;
using Sim.Engine.Scenarios;
using Sim.Engine.Simulation;
using Sim.Tests.Scenarios;
using Sim.Worker.Scenarios;

namespace Sim.Tests.Analysis;

/// <summary>Scenarios and one-run helpers for the solve, compare and sensitivity tests.</summary>
internal static class AnalysisScenarios
{
    /// <summary>A shipped scenario from scenarios/.</summary>
    public static Scenario Shipped(string name)
    {
        var loaded = ScenarioFile.Load(Path.Combine(ScenarioTestSupport.RepositoryRoot(), "scenarios", name + ".json"));
        Assert.True(loaded.Result.IsValid, string.Join("; ", loaded.Result.Errors));
        return loaded.Result.Scenario!;
    }

    /// <summary>Born 1961, $400,000 at 65 in 2026 retiring now or later, every return fixed: every path is the same
    /// closed-form life, so success is 0 or 1.</summary>
    public static Scenario ZeroVolatilityRetiree(int retirementAge = 65, double? amount = 30_000) =>
        Sim.Tests.Simulation.TestScenarios.ZeroVolatility(
            Sim.Tests.Simulation.TestScenarios.Basic(birthYear: 1961, retirementAge: retirementAge, endAge: 90,
                salary: 90_000, pretax: 400_000) with
            {
                Simulation = new SimulationSettings { Paths = 16, Seed = 5, StartYear = 2026 },
                Withdrawals = new Withdrawals { Strategy = new FixedRealStrategy { Amount = amount } },
            });

    /// <summary>Success of one ordinary engine run (all seven percentile levels, nothing from the analysis code).</summary>
    public static double Success(Scenario s, int paths, ulong seed) =>
        SimulationEngine.Run(s, new SimulationOptions { Paths = paths, Seed = seed }).Summary.SuccessProbability;

    public static AnalysisOptions Options(int paths, ulong seed = 1) => new() { Paths = paths, Seed = seed };
}
