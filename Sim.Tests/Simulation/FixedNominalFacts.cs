using Sim.Engine.Scenarios;
using Sim.Engine.Simulation;
using Sim.Tests.Scenarios;

namespace Sim.Tests.Simulation;

/// <summary>fixedNominal (spec 14): fixedReal without the inflation raise, under zero volatility to the cent.</summary>
public class FixedNominalFacts
{
    private const double Cent = 0.005;
    /// <summary>60/40 at the default means, net of the 0.49% fee.</summary>
    private static readonly double Keep = (1 + (0.6 * 0.10 + 0.4 * 0.055)) * (1 - 0.0049);

    /// <summary>Born 1960, retired since 65 (2025): 2026 is the first distribution year; RMDs start at 75 (2035).</summary>
    private static Scenario Retiree(FixedNominalStrategy strategy, double pretax = 1_000_000) =>
        TestScenarios.ZeroVolatility(TestScenarios.Basic(1960, 65, endAge: 85, pretax: pretax) with
        {
            Withdrawals = new Withdrawals { Strategy = strategy },
        });

    [Fact]
    public void InitialRate_GivesTheSameNominalWithdrawalEveryYear()
    {
        var r = TestScenarios.Run(Retiree(new FixedNominalStrategy { InitialRate = 0.04 }));
        double balance = 1_000_000;
        for (int year = 2026; year <= 2034; year++)
        {
            Assert.Equal(40_000, TestScenarios.Median(r, Metric.Withdrawals, year), Cent);
            balance = (balance - 40_000) * Keep;
            Assert.Equal(balance, TestScenarios.Median(r, Metric.Balance, year), Cent);
        }
    }

    [Fact]
    public void Amount_IsInStartYearDollars_AndIsNotRaisedWithInflation()
    {
        // Inflation is 2.5% a year; fixedReal would pay 30,000 × 1.025² in 2028, fixedNominal still 30,000.
        var r = TestScenarios.Run(Retiree(new FixedNominalStrategy { Amount = 30_000 }));
        Assert.Equal(30_000, TestScenarios.Median(r, Metric.Withdrawals, 2026), Cent);
        Assert.Equal(30_000, TestScenarios.Median(r, Metric.Withdrawals, 2028), Cent);
        Assert.Equal(30_000 * 0.78 / (1.025 * 1.025 * 1.025), TestScenarios.Median(r, Metric.NetIncomeReal, 2028), Cent);
    }

    [Fact]
    public void APath_Fails_TheFirstYearItsOpeningBalanceCannotPayTheTarget()
    {
        var r = TestScenarios.Run(Retiree(new FixedNominalStrategy { Amount = 30_000 }, pretax: 150_000));
        double balance = 150_000;
        int age = 66;
        while (balance >= 30_000)
        {
            balance = (balance - 30_000) * Keep;
            age++;
        }

        Assert.Equal(age, r.Summary.MedianFailureAge);
        Assert.Equal(0, r.Summary.SuccessProbability);
    }

    [Fact]
    public void Json_FixedNominal_ReadsInitialRateOrAmount()
    {
        var s = ScenarioTestSupport.Valid(ScenarioTestSupport.MinimalJson.TrimEnd()[..^1]
            + ", \"withdrawals\": { \"strategy\": \"fixedNominal\", \"amount\": 30000 } }");
        var strategy = Assert.IsType<FixedNominalStrategy>(s.Withdrawals.Strategy);
        Assert.Equal(30_000, strategy.Amount);
        Assert.Equal("fixedNominal", strategy.Name);
    }
}
