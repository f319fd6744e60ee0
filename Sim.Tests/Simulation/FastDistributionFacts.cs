using Sim.Engine.Scenarios;
using Sim.Engine.Simd;
using Sim.Engine.Simulation;

namespace Sim.Tests.Simulation;

/// <summary>
/// The vectorized distribution phase (common case: pre-tax money only, flat tax, gross targets) against the per-path
/// phase it replaces, and across vector widths.
/// </summary>
public class FastDistributionFacts
{
    private static WithdrawalStrategy Named(string name) => name switch
    {
        "percentOfBalance" => new PercentOfBalanceStrategy { Rate = 0.05 },
        "rmdOnly" => new RmdOnlyStrategy(),
        "fixedNominal" => new FixedNominalStrategy(),
        "guardrails" => new GuardrailsStrategy { InitialRate = 0.05 },
        _ => new FixedRealStrategy(),
    };

    private static Scenario Plain(string strategy, int retirementAge = 60) =>
        TestScenarios.Basic(1968, retirementAge, endAge: 95, pretax: 400_000) with
        {
            Withdrawals = new Withdrawals { Strategy = Named(strategy) },
            Simulation = new SimulationSettings { Paths = 2_003, Seed = 77, StartYear = 2026 },
        };

    public static IEnumerable<object[]> Strategies() =>
    [
        ["fixedReal", 60], ["fixedReal", 54], ["percentOfBalance", 62], ["rmdOnly", 66], ["fixedNominal", 61], ["guardrails", 60], ["guardrails", 55],
    ];

    [Theory]
    [MemberData(nameof(Strategies))]
    public void FastPhase_AgreesWithThePerPathPhase(string strategy, int retirementAge)
    {
        var s = Plain(strategy, retirementAge);
        var fast = SimulationEngine.Run(s, new SimulationOptions());
        var slow = SimulationEngine.Run(s, new SimulationOptions { ScalarDistribution = true });
        // One definition of a distribution year: the two phases agree bit for bit (F3 of issue 9).
        Assert.Equal(ReproducibilityFacts.Flatten(slow), ReproducibilityFacts.Flatten(fast));

        Assert.Equal(slow.Yearly.ShareFailed, fast.Yearly.ShareFailed);
        Assert.Equal(slow.Yearly.ShareRmdBinding, fast.Yearly.ShareRmdBinding);
        Assert.Equal(slow.Summary.SuccessProbability, fast.Summary.SuccessProbability);
        Assert.Equal(slow.Summary.MedianFailureAge, fast.Summary.MedianFailureAge);
    }

    [Theory]
    [InlineData(SimdWidth.Vector256, "fixedReal")]
    [InlineData(SimdWidth.Vector512, "fixedReal")]
    [InlineData(SimdWidth.Vector256, "guardrails")]
    [InlineData(SimdWidth.Vector512, "guardrails")]
    public void FastPhase_GivesIdenticalNumbers_AtEveryWidth(SimdWidth width, string strategy)
    {
        var s = Plain(strategy, 58);
        var scalar = SimulationEngine.Run(s, new SimulationOptions { Width = SimdWidth.Scalar, BlockSize = 333 });
        var wide = SimulationEngine.Run(s, new SimulationOptions { Width = width, Threads = 2 });
        Assert.Equal(ReproducibilityFacts.Flatten(scalar), ReproducibilityFacts.Flatten(wide));
        Assert.Equal(scalar.Yearly.MeanBalance, wide.Yearly.MeanBalance);
        Assert.Equal(scalar.Summary.SuccessProbability, wide.Summary.SuccessProbability);
    }
}
