using Sim.Engine.Scenarios;
using Sim.Engine.Simulation;

namespace Sim.Tests.Simulation;

/// <summary>
/// With every standard deviation 0 the engine must reproduce, to the cent and in every year, a whole life computed
/// here independently from spec section 2: B(Y+1) = (B(Y) − W(Y))·(1 + R)·(1 − fee) + C(Y). The limits are typed
/// from the published 2026 figures and the spec's indexing rule, not taken from the engine.
/// </summary>
public class ZeroVolatilityFacts
{
    private const double Cent = 0.005;

    // Born 1966: ages 60-63 in 2026-2029 (the 60-63 catch-up), 64 in 2030 (the age-50 catch-up), retires at 65 in
    // 2031, first RMD at 75 in 2041 (born 1960 or later), ends at 80 in 2046.
    private static Scenario WholeLife() => TestScenarios.ZeroVolatility(new Scenario
    {
        Name = "whole-life",
        Simulation = new SimulationSettings { Paths = 40, Seed = 3, StartYear = 2026 },
        Participant = new Participant
        {
            BirthYear = 1966, RetirementAge = 65, EndAge = 80, Salary = 200_000, SalaryGrowth = 0,
        },
        Account = new Account { PretaxBalance = 500_000, EmployerBalance = 100_000 },
        Contributions = new Contributions { DeferralRate = 0.20 },
        Employer = new Employer { Match = [new MatchTier(1.0, 0.06)] },
        Allocation = new Allocation { Type = AllocationType.Fixed, Weights = new AssetWeights(0.6, 0.4, 0, 0) },
        Returns = new Sim.Engine.Scenarios.Returns { LimitIndexing = 0.025 },
        Withdrawals = new Withdrawals { Strategy = new FixedRealStrategy { InitialRate = 0.04 } },
        Taxes = new Taxes { Method = TaxMethod.Flat, Rate = 0.22 },
    });

    // 402(g) and the applicable catch-up by year: 2026 published (24,500; 60-63: 11,250); later years
    // floor(L2026·1.025^(Y−2026)/500)·500. Age 64 in 2030 gets the age-50 amount: floor(8,000·1.025^4/500)·500.
    private static readonly Dictionary<int, (double Limit, double CatchUp)> Limits = new()
    {
        [2026] = (24_500, 11_250),
        [2027] = (25_000, 11_500),
        [2028] = (25_500, 11_500),
        [2029] = (26_000, 12_000),
        [2030] = (27_000, 8_500),
    };

    // Uniform Lifetime Table, 26 CFR 1.401(a)(9)-9(c).
    private static readonly Dictionary<int, double> Uniform = new()
    {
        [75] = 24.6, [76] = 23.7, [77] = 22.9, [78] = 22.0, [79] = 21.1, [80] = 20.2,
    };

    [Fact]
    public void WholeLife_EqualsClosedForm_ToTheCent_EveryYear()
    {
        var r = TestScenarios.Run(WholeLife());
        const double fee = 0.0049, salary = 200_000, inflation = 0.025;
        double growth = 1 + (0.6 * 0.10 + 0.4 * 0.055);
        double pre = 500_000, roth = 0, index = 1, target = 0, totalTax = 0;

        for (int year = 2026; year <= 2046; year++)
        {
            int age = year - 1966;
            double w = 0, tax = 0, rmd = 0, employee = 0, employer = 0;
            if (age >= 65)
            {
                double opening = pre + roth;
                target = age == 65 ? 0.04 * opening : target * (1 + inflation);
                rmd = Uniform.TryGetValue(age, out double divisor) ? pre / divisor : 0;
                w = Math.Max(target, rmd);
                // RMD from pre-tax first; the rest pro rata to what is left. Roth is qualified (first Roth money
                // 2026, age >= 60): tax-free.
                double rest = w - rmd, preLeft = pre - rmd;
                double fromPre = rest * (preLeft / (preLeft + roth));
                double wPre = rmd + fromPre, wRoth = rest - fromPre;
                tax = 0.22 * wPre;
                pre -= wPre;
                roth -= wRoth;
            }

            pre = pre * growth - pre * growth * fee;
            roth = roth * growth - roth * growth * fee;

            if (age < 65)
            {
                var (limit, catchUp) = Limits[year];
                employee = Math.Min(0.20 * salary, limit + catchUp);
                double catchUpPart = employee - limit;  // Roth: prior-year wages above the 2026+ threshold
                employer = salary * Math.Min(employee / salary, 0.06);
                pre += employee - catchUpPart + employer;
                roth += catchUpPart;
            }

            index *= 1 + inflation;
            totalTax += tax;

            Assert.Equal(pre + roth, TestScenarios.Median(r, Metric.Balance, year), Cent);
            Assert.Equal(pre, TestScenarios.Median(r, Metric.PretaxBalance, year), Cent);
            Assert.Equal(roth, TestScenarios.Median(r, Metric.RothBalance, year), Cent);
            Assert.Equal((pre + roth) / index, TestScenarios.Median(r, Metric.BalanceReal, year), Cent);
            Assert.Equal(w, TestScenarios.Median(r, Metric.Withdrawals, year), Cent);
            Assert.Equal(rmd, TestScenarios.Median(r, Metric.Rmd, year), Cent);
            Assert.Equal(tax, TestScenarios.Median(r, Metric.Taxes, year), Cent);
            Assert.Equal(employee, TestScenarios.Median(r, Metric.EmployeeContributions, year), Cent);
            Assert.Equal(employer, TestScenarios.Median(r, Metric.EmployerContributions, year), Cent);
            Assert.Equal((w - tax) / index, TestScenarios.Median(r, Metric.NetIncomeReal, year), Cent);
            Assert.Equal(0, TestScenarios.Median(r, Metric.Penalties, year));
        }

        Assert.Equal(1.0, r.Summary.SuccessProbability);
        Assert.Equal(totalTax, r.Summary.MeanTotalTaxes, 0.01);
    }

    [Fact]
    public void WholeLife_RmdBinds_OnlyWhenTheRequirementExceedsTheTarget()
    {
        var r = TestScenarios.Run(WholeLife());
        for (int t = 0; t < r.Years.Length; t++)
        {
            double rmd = r.Percentile(Metric.Rmd, t, 3), w = r.Percentile(Metric.Withdrawals, t, 3);
            bool expectBinding = rmd > 0 && Math.Abs(w - rmd) < Cent;
            Assert.Equal(expectBinding ? 1.0 : 0.0, r.Yearly.ShareRmdBinding[t]);
        }
    }

    [Fact]
    public void Fee_IsChargedOnTheGrownBalanceAfterTheWithdrawal()
    {
        // Retired at start, no RMD yet: fee(Y) = (opening − W)·(1 + R)·expenseRatio.
        var s = TestScenarios.ZeroVolatility(TestScenarios.Basic(1960, 65, endAge: 70, pretax: 1_000_000));
        var r = TestScenarios.Run(s);
        double growth = 1 + (0.6 * 0.10 + 0.4 * 0.055);
        double opening = 1_000_000, w = 40_000;
        Assert.Equal((opening - w) * growth * 0.0049, TestScenarios.Median(r, Metric.Fees, 2026), Cent);
        Assert.Equal((opening - w) * growth * (1 - 0.0049), TestScenarios.Median(r, Metric.Balance, 2026), Cent);
    }
}
