using Sim.Engine.Scenarios;
using static Sim.Tests.Scenarios.ScenarioTestSupport;

namespace Sim.Tests.Scenarios;

/// <summary>Each strategy takes only its own parameters (issue 9: a closed hierarchy of strategy records).</summary>
public class WithdrawalStrategyParsingFacts
{
    [Fact]
    public void AParameterOfAnotherStrategy_IsAnErrorAtItsPath_NamingWhatTheStrategyTakes()
    {
        var r = ParseMinimalWith("\"withdrawals\": { \"strategy\": \"rmdOnly\", \"initialRate\": 0.05 }");
        Assert.Equal("$.withdrawals.initialRate: is not a parameter of strategy rmdOnly, which takes no parameters; remove it or set it to null",
            SingleError(r));

        r = ParseMinimalWith("\"withdrawals\": { \"strategy\": \"fixedReal\", \"upper\": 0.3, \"rate\": 0.05 }");
        Assert.Equal(
            [
                "$.withdrawals.rate: is not a parameter of strategy fixedReal, which takes only initialRate, amount; remove it or set it to null",
                "$.withdrawals.upper: is not a parameter of strategy fixedReal, which takes only initialRate, amount; remove it or set it to null",
            ],
            r.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void NullMeansNotGiven_SoAnOverlayCanSwitchStrategy()
    {
        var s = Valid(MinimalJson.TrimEnd()[..^1]
            + ", \"withdrawals\": { \"strategy\": \"percentOfBalance\", \"rate\": 0.05, \"initialRate\": null, \"upper\": null } }");
        Assert.Equal(new PercentOfBalanceStrategy { Rate = 0.05 }, s.Withdrawals.Strategy);
    }

    [Fact]
    public void Guardrails_ReadsItsBandAndTheStartingTarget()
    {
        var s = Valid(MinimalJson.TrimEnd()[..^1]
            + ", \"withdrawals\": { \"strategy\": \"guardrails\", \"initialRate\": 0.045, \"upper\": 0.25, \"lower\": 0.15, \"cut\": 0.05, \"raise\": 0.08, \"afterTax\": true } }");
        Assert.Equal(new GuardrailsStrategy { InitialRate = 0.045, Upper = 0.25, Lower = 0.15, Cut = 0.05, Raise = 0.08 },
            s.Withdrawals.Strategy);
        Assert.True(s.Withdrawals.AfterTax);
    }

    [Fact]
    public void OutOfRangeParameter_OfTheChosenStrategy_KeepsItsMessage()
    {
        var r = ParseMinimalWith("\"withdrawals\": { \"strategy\": \"percentOfBalance\", \"rate\": 1.5 }");
        Assert.StartsWith("$.withdrawals.rate: ", SingleError(r), StringComparison.Ordinal);
    }
}
