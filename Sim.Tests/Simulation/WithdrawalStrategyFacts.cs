using Sim.Engine.Scenarios;
using Sim.Engine.Simulation;

namespace Sim.Tests.Simulation;

/// <summary>The withdrawal strategies, source orders, in-service distributions, deferred first RMD, after-tax targets
/// and non-qualified Roth withdrawals, each against a closed form under zero volatility.</summary>
public class WithdrawalStrategyFacts
{
    private const double Cent = 0.005;
    private static readonly double Keep = (1 + (0.6 * 0.10 + 0.4 * 0.055)) * (1 - 0.0049);

    private static Scenario Retiree(Withdrawals w, double pretax = 1_000_000, double roth = 0, int birthYear = 1960,
        Taxes? taxes = null) =>
        TestScenarios.ZeroVolatility(TestScenarios.Basic(birthYear, 65, endAge: 85, pretax: pretax) with
        {
            Account = new Account { PretaxBalance = pretax, RothBalance = roth },
            Withdrawals = w,
            Taxes = taxes ?? new Taxes(),
        });

    [Fact]
    public void PercentOfBalance_WithdrawsTheRateOfEachOpeningBalance()
    {
        var r = TestScenarios.Run(Retiree(new Withdrawals { Strategy = new PercentOfBalanceStrategy { Rate = 0.05 } }));
        double balance = 1_000_000;
        for (int year = 2026; year <= 2034; year++)
        {
            double w = 0.05 * balance;
            Assert.Equal(w, TestScenarios.Median(r, Metric.Withdrawals, year), Cent);
            balance = (balance - w) * Keep;
        }
    }

    [Fact]
    public void FixedReal_Amount_IsInTodaysDollars_AndGrowsWithInflation()
    {
        var r = TestScenarios.Run(Retiree(new Withdrawals { Strategy = new FixedRealStrategy { Amount = 30_000 } }));
        Assert.Equal(30_000, TestScenarios.Median(r, Metric.Withdrawals, 2026), Cent);
        Assert.Equal(30_000 * 1.025 * 1.025, TestScenarios.Median(r, Metric.Withdrawals, 2028), Cent);
        // In today's dollars the net income is flat: (W − 22% tax) / I(Y+1).
        Assert.Equal(30_000 * 0.78 / 1.025, TestScenarios.Median(r, Metric.NetIncomeReal, 2030), Cent);
    }

    [Fact]
    public void AfterTax_SolvesTheGrossWhoseNetIsTheTarget_ThroughTheBrackets()
    {
        var taxes = new Taxes { Method = TaxMethod.Brackets, FilingStatus = FilingStatus.Single, OtherIncome = 20_000 };
        var r = TestScenarios.Run(Retiree(new Withdrawals { Strategy = new FixedRealStrategy { Amount = 50_000 }, AfterTax = true }, taxes: taxes));
        for (int year = 2026; year <= 2030; year++)
        {
            double net = TestScenarios.Median(r, Metric.Withdrawals, year) - TestScenarios.Median(r, Metric.Taxes, year);
            Assert.Equal(50_000 * Math.Pow(1.025, year - 2026), net, Cent);
            Assert.True(TestScenarios.Median(r, Metric.Taxes, year) > 0);
        }
    }

    [Fact]
    public void AfterTax_FlatTax_GrossIsNetOverOneMinusRate()
    {
        var r = TestScenarios.Run(Retiree(new Withdrawals { Strategy = new FixedRealStrategy { Amount = 39_000 }, AfterTax = true }));
        Assert.Equal(39_000 / 0.78, TestScenarios.Median(r, Metric.Withdrawals, 2026), Cent);
    }

    [Fact]
    public void DeferFirstRmd_PaysNothingInTheFirstYear_AndBothInTheSecond()
    {
        // Born 1955: first RMD year 2028 (73). rmdOnly isolates the RMDs.
        var r = TestScenarios.Run(Retiree(new Withdrawals { Strategy = new RmdOnlyStrategy(), DeferFirstRmd = true }, birthYear: 1955));
        double pre2027 = TestScenarios.Median(r, Metric.PretaxBalance, 2027);
        double first = pre2027 / 26.5;                      // Uniform(73)
        double pre2028 = pre2027 * Keep;                     // nothing paid in 2028
        double second = pre2028 / 25.5;                      // Uniform(74)
        Assert.Equal(0, TestScenarios.Median(r, Metric.Withdrawals, 2028));
        Assert.Equal(pre2028, TestScenarios.Median(r, Metric.PretaxBalance, 2028), Cent);
        Assert.Equal(first + second, TestScenarios.Median(r, Metric.Withdrawals, 2029), Cent);
    }

    [Fact]
    public void TraditionalFirst_LeavesRothUntouched_WhilePretaxLasts()
    {
        var r = TestScenarios.Run(Retiree(new Withdrawals { Order = WithdrawalOrder.TraditionalFirst }, pretax: 500_000, roth: 500_000));
        double roth = 500_000;
        for (int year = 2026; year <= 2030; year++)
        {
            roth *= Keep;
            Assert.Equal(roth, TestScenarios.Median(r, Metric.RothBalance, year), Cent);
        }
    }

    [Fact]
    public void RothFirst_LeavesPretaxUntouched_BeforeRmds()
    {
        var r = TestScenarios.Run(Retiree(new Withdrawals { Order = WithdrawalOrder.RothFirst }, pretax: 500_000, roth: 500_000));
        double pre = 500_000;
        for (int year = 2026; year <= 2030; year++)
        {
            pre *= Keep;
            Assert.Equal(pre, TestScenarios.Median(r, Metric.PretaxBalance, year), Cent);
            // Roth first contribution defaults to startYear: not qualified until 5 years have passed, so the
            // earnings share is taxed (basis = the opening Roth balance, so the share is 0 in 2026).
        }

        Assert.Equal(0, TestScenarios.Median(r, Metric.Taxes, 2026));
    }

    [Fact]
    public void NonQualifiedRoth_TaxesAndPenalisesTheEarningsShare()
    {
        // Separated at 50 (before 55: penalised), Roth 100,000 with basis 60,000, first contribution 2025: neither
        // 59½ nor 5 years. Taxable share 40%.
        var s = TestScenarios.ZeroVolatility(TestScenarios.Basic(1976, 50, endAge: 70, pretax: 0) with
        {
            Account = new Account { RothBalance = 100_000, RothBasis = 60_000, RothFirstContributionYear = 2025 },
            Withdrawals = new Withdrawals { Strategy = new FixedRealStrategy { Amount = 10_000 } },
        });
        var r = TestScenarios.Run(s);
        Assert.Equal(0.22 * 0.4 * 10_000, TestScenarios.Median(r, Metric.Taxes, 2026), Cent);
        Assert.Equal(0.10 * 0.4 * 10_000, TestScenarios.Median(r, Metric.Penalties, 2026), Cent);
    }

    [Fact]
    public void InService_From59AndAHalf_IsTaxedButNotPenalised()
    {
        // Employed until 67, born 1965 (61 in 2026): in-service 10,000 today's dollars a year, no 10% (over 59½).
        var s = TestScenarios.ZeroVolatility(TestScenarios.Basic(1965, 67, endAge: 80, pretax: 400_000) with
        {
            Withdrawals = new Withdrawals { InService = new InService { FromAge = 59.5, Amount = 10_000 } },
        });
        var r = TestScenarios.Run(s);
        Assert.Equal(10_000, TestScenarios.Median(r, Metric.Withdrawals, 2026), Cent);
        Assert.Equal(10_000 * 1.025, TestScenarios.Median(r, Metric.Withdrawals, 2027), Cent);
        Assert.Equal(2_200, TestScenarios.Median(r, Metric.Taxes, 2026), Cent);
        Assert.Equal(0, TestScenarios.Median(r, Metric.Penalties, 2026));
    }

    [Fact]
    public void InService_Before59AndAHalf_IsPenalised()
    {
        // A plan allowing in-service from 55: born 1970 (56 in 2026), still employed: the rule of 55 needs separation.
        var s = TestScenarios.ZeroVolatility(TestScenarios.Basic(1970, 65, endAge: 80, pretax: 400_000) with
        {
            Withdrawals = new Withdrawals { InService = new InService { FromAge = 55, Rate = 0.02 } },
        });
        var r = TestScenarios.Run(s);
        Assert.Equal(8_000, TestScenarios.Median(r, Metric.Withdrawals, 2026), Cent);
        Assert.Equal(800, TestScenarios.Median(r, Metric.Penalties, 2026), Cent);
    }
}
