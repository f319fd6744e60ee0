using Sim.Engine.Scenarios;
using Sim.Engine.Simulation;

namespace Sim.Tests.Simulation;

/// <summary>
/// Loans at zero volatility with every return, inflation and fee 0, so each balance is plain arithmetic checked to
/// the cent (issue 9: a loan at rate 0, repayments restoring the unvested employer money, paths counted once).
/// </summary>
public class LoanFacts
{
    private const int Cent = 2;

    /// <summary>Born 1988: employed in 2026 and 2027 (ages 38, 39), separated on January 1, 2028 (age 40). $100,000
    /// pre-tax of which $60,000 employer money on a 3-year cliff with no service yet: nothing vests before
    /// separation. Flat 22% tax, rmdOnly (no RMD before 75), no salary, no fee, no growth, no inflation.</summary>
    private static Scenario Still(params Loan[] loans)
    {
        var zero = new MeanStdev(0, 0);
        return TestScenarios.Basic(1988, 40, endAge: 45, salary: 0, pretax: 100_000) with
        {
            Account = new Account { PretaxBalance = 100_000, EmployerBalance = 60_000 },
            Employer = new Employer { Vesting = new VestingSchedule { Type = VestingType.Cliff, Years = 3 } },
            Fees = new Fees { ExpenseRatio = 0 },
            Returns = new Sim.Engine.Scenarios.Returns { Stocks = zero, Bonds = zero, Cash = zero, Reits = zero, Inflation = zero },
            Withdrawals = new Withdrawals { Strategy = new RmdOnlyStrategy() },
            Loans = loans,
        };
    }

    [Fact]
    public void Repayment_RestoresTheUnvestedEmployerMoney_SoForfeitureTakesAllOfIt()
    {
        // The $20,000 loan (the most 72(p) allows: half the $40,000 vested) takes 20% of pre-tax, so 20% of the
        // employer tracker ($12,000); the repayment in 2027 brings it back, and the whole $60,000 is forfeited.
        var r = TestScenarios.Run(Still(new Loan { Age = 38, Amount = 20_000, Years = 1, Rate = 0.05 }));
        Assert.Equal(20_000, TestScenarios.Median(r, Metric.LoanBalance, 2026), Cent);
        Assert.Equal(0, TestScenarios.Median(r, Metric.LoanBalance, 2027), Cent);
        // Repaid with a year's interest: 21,000 back into the account, 60% of it to the employer source.
        Assert.Equal(60_000 + 0.6 * 1_000, TestScenarios.Median(r, Metric.Forfeitures, 2027), Cent);
        Assert.Equal(100_000 + 1_000 - 60_600, TestScenarios.Median(r, Metric.Balance, 2027), Cent);
        Assert.Equal(0, r.Summary.LoanRequestsCut);
    }

    [Fact]
    public void LoanAtRateZero_IsRepaidLevel_AndForfeitureTakesTheWholeUnvestedBalance()
    {
        // 20,000 over one year at 0%: one payment of 20,000 in 2027.
        var r = TestScenarios.Run(Still(new Loan { Age = 38, Amount = 20_000, Years = 1, Rate = 0 }));
        Assert.Equal(20_000, TestScenarios.Median(r, Metric.LoanBalance, 2026), Cent);
        Assert.Equal(0, TestScenarios.Median(r, Metric.LoanBalance, 2027), Cent);
        Assert.Equal(60_000, TestScenarios.Median(r, Metric.Forfeitures, 2027), Cent);
        Assert.Equal(40_000, TestScenarios.Median(r, Metric.Balance, 2027), Cent);
        Assert.Equal(0, TestScenarios.Median(r, Metric.Taxes, 2028), Cent);
    }

    [Fact]
    public void LoanAtRateZero_OutstandingAtSeparation_IsADeemedDistribution()
    {
        // 20,000 over 5 years at 0%: 4,000 a year; 16,000 outstanding on January 1, 2028 is deemed distributed,
        // taxed at 22% and penalised 10% (separation at 40, before 55; age 40 < 59½).
        var r = TestScenarios.Run(Still(new Loan { Age = 38, Amount = 20_000, Years = 5, Rate = 0 }));
        Assert.Equal(16_000, TestScenarios.Median(r, Metric.LoanBalance, 2027), Cent);
        Assert.Equal(0, TestScenarios.Median(r, Metric.LoanBalance, 2028), Cent);
        Assert.Equal(0.22 * 16_000, TestScenarios.Median(r, Metric.Taxes, 2028), Cent);
        Assert.Equal(0.10 * 16_000, TestScenarios.Median(r, Metric.Penalties, 2028), Cent);
        // Forfeiture: the tracker got back 60% of the 4,000 repaid: 48,000 + 2,400.
        Assert.Equal(50_400, TestScenarios.Median(r, Metric.Forfeitures, 2027), Cent);
    }

    [Fact]
    public void LoanRequestsCut_CountsPaths_NotPathYears()
    {
        // Two requests over the limit on each of 100 paths: 100 paths were cut, not 200.
        var s = Still(new Loan { Age = 38, Amount = 45_000, Years = 5, Rate = 0.05 },
            new Loan { Age = 39, Amount = 45_000, Years = 5, Rate = 0.05 });
        var r = TestScenarios.Run(s, paths: 100);
        Assert.Equal(100, r.Summary.LoanRequestsCut);
    }

    [Fact]
    public void PeakAge_IsOfTheMedian_EvenWhen50IsNotAmongThePercentiles()
    {
        var s = TestScenarios.Basic(1975, 62, endAge: 95, pretax: 250_000) with
        {
            Simulation = new SimulationSettings { Paths = 501, Seed = 9, StartYear = 2026, Percentiles = [10, 90] },
        };
        var withMedian = SimulationEngine.Run(s with { Simulation = s.Simulation with { Percentiles = [10, 50, 90] } },
            new SimulationOptions());
        var without = SimulationEngine.Run(s, new SimulationOptions());
        Assert.NotEqual(withMedian.Ages[0], withMedian.Summary.PeakAge);
        Assert.Equal(withMedian.Summary.PeakAge, without.Summary.PeakAge);
    }
}
