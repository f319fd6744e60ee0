using Sim.Engine.Rules;
using Sim.Engine.Scenarios;
using Sim.Engine.Simulation;

namespace Sim.Tests.Simulation;

/// <summary>The IRS rules seen where they matter: in the simulated paths (zero volatility, so every path agrees).</summary>
public class RulesInPathsFacts
{
    private const double Cent = 0.005;
    private static readonly double Growth = 1 + (0.6 * 0.10 + 0.4 * 0.055);

    private static Scenario Retiree(int birthYear, double pretax = 1_000_000, double roth = 0) =>
        TestScenarios.ZeroVolatility(TestScenarios.Basic(birthYear, 65, endAge: 80, pretax: pretax) with
        {
            Account = new Account { PretaxBalance = pretax, RothBalance = roth },
            Withdrawals = new Withdrawals { Strategy = new RmdOnlyStrategy() },
        });

    [Theory]
    [InlineData(1955, 2028, 26.5)] // SECURE 2.0: born 1951-1959 → 73; Uniform(73) = 26.5
    [InlineData(1960, 2035, 24.6)] // born 1960 or later → 75; Uniform(75) = 24.6
    public void FirstRmd_IsTakenInTheYearOfTheApplicableAge(int birthYear, int firstYear, double divisor)
    {
        var r = TestScenarios.Run(Retiree(birthYear));
        for (int year = 2026; year < firstYear; year++)
        {
            Assert.Equal(0, TestScenarios.Median(r, Metric.Rmd, year));
            Assert.Equal(0, TestScenarios.Median(r, Metric.Withdrawals, year));
        }

        double openingPretax = TestScenarios.Median(r, Metric.PretaxBalance, firstYear - 1);
        Assert.Equal(openingPretax / divisor, TestScenarios.Median(r, Metric.Rmd, firstYear), Cent);
        Assert.Equal(openingPretax / divisor, TestScenarios.Median(r, Metric.Withdrawals, firstYear), Cent);
    }

    [Fact]
    public void YoungSpouse_SoleBeneficiary_UsesTheJointTable()
    {
        var s = Retiree(1955) with
        {
            Participant = Retiree(1955).Participant with { Spouse = new Spouse { BirthYear = 1970, SoleBeneficiary = true } },
        };
        var r = TestScenarios.Run(s);
        double openingPretax = TestScenarios.Median(r, Metric.PretaxBalance, 2027);
        double joint = RmdTables.JointLastSurvivor(73, 58);
        Assert.True(joint > 26.5, "a spouse 15 years younger gives a longer period than the Uniform table");
        Assert.Equal(openingPretax / joint, TestScenarios.Median(r, Metric.Rmd, 2028), Cent);
    }

    [Fact]
    public void Spouse_NotSoleBeneficiary_UsesTheUniformTable()
    {
        var s = Retiree(1955) with
        {
            Participant = Retiree(1955).Participant with { Spouse = new Spouse { BirthYear = 1970, SoleBeneficiary = false } },
        };
        var r = TestScenarios.Run(s);
        double openingPretax = TestScenarios.Median(r, Metric.PretaxBalance, 2027);
        Assert.Equal(openingPretax / 26.5, TestScenarios.Median(r, Metric.Rmd, 2028), Cent);
    }

    [Fact]
    public void SeparationInTheYearOf54_IsPenalisedUntil59AndAHalf()
    {
        // Born 1972: 54 in 2026. Withdrawals on January 1: 59½ is reached by then from the year of 60 (2032).
        var s = TestScenarios.ZeroVolatility(TestScenarios.Basic(1972, 54, endAge: 65, pretax: 1_000_000));
        var r = TestScenarios.Run(s);
        for (int year = 2026; year <= 2037; year++)
        {
            double w = TestScenarios.Median(r, Metric.Withdrawals, year);
            double expected = year < 2032 ? 0.10 * w : 0;
            Assert.True(w > 0);
            Assert.Equal(expected, TestScenarios.Median(r, Metric.Penalties, year), Cent);
        }
    }

    [Fact]
    public void SeparationInTheYearOf55_IsNeverPenalised_RuleOf55()
    {
        var s = TestScenarios.ZeroVolatility(TestScenarios.Basic(1972, 55, endAge: 65, pretax: 1_000_000));
        var r = TestScenarios.Run(s);
        Assert.True(TestScenarios.Median(r, Metric.Withdrawals, 2027) > 0);
        for (int year = 2026; year <= 2037; year++)
        {
            Assert.Equal(0, TestScenarios.Median(r, Metric.Penalties, year));
        }
    }

    [Fact]
    public void CliffVesting_ForfeitsTheUnvestedEmployerMoney_AtTheEndOfTheLastEmploymentYear()
    {
        // Two employment years (2026, 2027) under a 3-year cliff with no prior service: all employer money is lost.
        var s = TestScenarios.ZeroVolatility(TestScenarios.Basic(1981, 47, endAge: 60, salary: 100_000, pretax: 50_000) with
        {
            Account = new Account { PretaxBalance = 50_000, EmployerBalance = 10_000 },
            Employer = new Employer
            {
                Match = [new MatchTier(0.5, 0.06)],
                Vesting = new VestingSchedule { Type = VestingType.Cliff, Years = 3 },
            },
        });
        var r = TestScenarios.Run(s);
        double keep = Growth * (1 - 0.0049);
        double employer = 10_000 * keep + 3_000;                 // 2026: grown, plus the match 50% × 6% × 100,000
        employer = employer * keep + 0.5 * 0.06 * 100_000 * 1.03; // 2027: salary grew 3%
        Assert.Equal(0, TestScenarios.Median(r, Metric.Forfeitures, 2026));
        Assert.Equal(employer, TestScenarios.Median(r, Metric.Forfeitures, 2027), Cent);
        Assert.Equal(0, TestScenarios.Median(r, Metric.Forfeitures, 2028));
    }

    [Fact]
    public void LoanOutstandingAtSeparation_BecomesADeemedDistribution()
    {
        // Age 38 in 2026, a $20,000 5-year loan at 5% at 40 (2028), separation at 42 (2030).
        var s = TestScenarios.ZeroVolatility(TestScenarios.Basic(1988, 42, endAge: 60, pretax: 100_000) with
        {
            Loans = [new Loan { Age = 40, Amount = 20_000, Years = 5, Rate = 0.05 }],
            Withdrawals = new Withdrawals { Strategy = new RmdOnlyStrategy() },
        });
        var r = TestScenarios.Run(s);
        double payment = 20_000 * 0.05 / (1 - Math.Pow(1.05, -5));
        double after2029 = 20_000 * 1.05 - payment;
        double deemed = after2029 * 1.05;

        Assert.Equal(0, TestScenarios.Median(r, Metric.LoanBalance, 2027));
        Assert.Equal(20_000, TestScenarios.Median(r, Metric.LoanBalance, 2028), Cent);
        Assert.Equal(after2029, TestScenarios.Median(r, Metric.LoanBalance, 2029), Cent);
        Assert.Equal(0, TestScenarios.Median(r, Metric.LoanBalance, 2030));
        Assert.Equal(0.22 * deemed, TestScenarios.Median(r, Metric.Taxes, 2030), Cent);
        Assert.Equal(0.10 * deemed, TestScenarios.Median(r, Metric.Penalties, 2030), Cent);
        Assert.Equal(0, TestScenarios.Median(r, Metric.Taxes, 2029));
    }

    [Fact]
    public void LoanRequest_OverTheLimit_IsCutToHalfTheVestedBalance()
    {
        // Vested 60,000 at the loan date → 30,000 allowed (72(p): lesser of 50,000 and 50% of vested).
        var s = TestScenarios.ZeroVolatility(TestScenarios.Basic(1988, 60, endAge: 70, salary: 0, pretax: 60_000) with
        {
            Loans = [new Loan { Age = 38, Amount = 45_000, Years = 5, Rate = 0.05 }],
        });
        var r = TestScenarios.Run(s);
        Assert.Equal(30_000, TestScenarios.Median(r, Metric.LoanBalance, 2026), Cent);
        Assert.Equal(r.Paths, r.Summary.LoanRequestsCut);
    }

    [Fact]
    public void RothBalances_AreNeverForcedOutByRmds()
    {
        var r = TestScenarios.Run(Retiree(1955, pretax: 0, roth: 800_000));
        double roth = 800_000;
        for (int year = 2026; year <= 2035; year++)
        {
            roth = roth * Growth - roth * Growth * 0.0049;
            Assert.Equal(0, TestScenarios.Median(r, Metric.Rmd, year));
            Assert.Equal(0, TestScenarios.Median(r, Metric.Withdrawals, year));
            Assert.Equal(roth, TestScenarios.Median(r, Metric.RothBalance, year), Cent);
        }
    }

    [Fact]
    public void Rmd_IsPaidFromPretaxOnly_WhenTheAccountHoldsBoth()
    {
        var r = TestScenarios.Run(Retiree(1955, pretax: 500_000, roth: 500_000));
        double rothBefore = TestScenarios.Median(r, Metric.RothBalance, 2027);
        double rothAfter = TestScenarios.Median(r, Metric.RothBalance, 2028);
        Assert.True(TestScenarios.Median(r, Metric.Rmd, 2028) > 0);
        Assert.Equal(rothBefore * Growth * (1 - 0.0049), rothAfter, Cent);
    }
}
