using Sim.Engine.Scenarios;
using Sim.Engine.Simulation;

namespace Sim.Tests.Simulation;

/// <summary>
/// Income streams, spendingNeed and rollovers against closed forms computed here, with every standard deviation 0
/// (docs/model.md sections 11-13): to the cent, every year. Scenarios are written as JSON, the contract.
/// </summary>
public class IncomeZeroVolatilityFacts
{
    private const double Cent = 0.005;
    private const double Fee = 0.0049;

    // 60 % stocks at 10 %, 40 % bonds at 5.5 %.
    private const double Growth = 1 + (0.6 * 0.10 + 0.4 * 0.055);

    private static Scenario Parse(string members, double inflation = 0) => TestScenarios.ZeroVolatility(
        Sim.Tests.Scenarios.ScenarioTestSupport.Valid($$"""
        {
          "simulation": { "paths": 16, "seed": 5, "startYear": 2026 },
          "allocation": { "type": "fixed", "weights": { "stocks": 0.6, "bonds": 0.4 } },
          "returns": { "inflation": { "mean": {{inflation.ToString(System.Globalization.CultureInfo.InvariantCulture)}}, "stdev": 0 } },
          {{members}}
        }
        """));

    private static double M(SimulationResult r, Metric m, int year) => TestScenarios.Median(r, m, year);

    /// <summary>IRC 86, single, written out here independently of the engine's rule.</summary>
    private static double TaxableSs(double ss, double other)
    {
        double pi = other + ss / 2;
        if (pi <= 25_000)
        {
            return 0;
        }

        if (pi <= 34_000)
        {
            return Math.Min(ss / 2, (pi - 25_000) / 2);
        }

        return Math.Min(0.85 * ss, 0.85 * (pi - 34_000) + Math.Min(4_500, ss / 2));
    }

    [Fact]
    public void SpendingNeed_WithdrawsTheNeedLessIncome_BeforeDuringAndAfterTheClaimYear()
    {
        // Born 1961 (FRA 67), 65 and retired in 2026, claims at 70 in July 2031: 2,000 · 1.24 = 2,480 a month.
        var r = TestScenarios.Run(Parse("""
            "participant": { "birthYear": 1961, "retirementAge": 65, "endAge": 74 },
            "account": { "pretaxBalance": 800000 },
            "withdrawals": { "strategy": "spendingNeed", "need": 60000 },
            "taxes": { "method": "flat", "rate": 0.22 },
            "income": [ { "type": "socialSecurity", "pia": 2000, "claimAge": 70 } ]
            """));

        double b = 800_000;
        for (int year = 2026; year <= 2035; year++)
        {
            double ss = year < 2031 ? 0 : year == 2031 ? 2_000 * 1.24 * 6 : 2_000 * 1.24 * 12;
            double w = 60_000 - ss;
            // Flat: 22 % of the withdrawal plus the benefits it makes taxable; the income alone (S(0)) is taxed too.
            double s0 = TaxableSs(ss, 0), sw = TaxableSs(ss, w);
            double tax = 0.22 * (w + sw - s0), taxAlone = 0.22 * s0;
            b = (b - w) * Growth - (b - w) * Growth * Fee;

            Assert.Equal(ss, M(r, Metric.Income, year), Cent);
            Assert.Equal(w, M(r, Metric.Withdrawals, year), Cent);
            Assert.Equal(tax, M(r, Metric.Taxes, year), Cent);
            Assert.Equal(w + ss - tax - taxAlone, M(r, Metric.NetIncomeReal, year), Cent);
            Assert.Equal(b, M(r, Metric.Balance, year), Cent);
        }

        Assert.Equal(1.0, r.Summary.SuccessProbability);
    }

    [Fact]
    public void SpendingNeed_AfterTax_NetsExactlyTheNeed_ThroughTheTaxTorpedo()
    {
        var r = TestScenarios.Run(Parse("""
            "participant": { "birthYear": 1961, "retirementAge": 65, "endAge": 74 },
            "account": { "pretaxBalance": 800000 },
            "withdrawals": { "strategy": "spendingNeed", "need": 60000, "afterTax": true },
            "taxes": { "method": "brackets", "filingStatus": "single" },
            "income": [ { "type": "socialSecurity", "pia": 2000, "claimAge": 70 } ]
            """));

        for (int year = 2026; year <= 2035; year++)
        {
            Assert.Equal(60_000, M(r, Metric.NetIncomeReal, year), Cent);
        }
    }

    [Theory]
    [InlineData("traditionalFirst", true)]
    [InlineData("rothFirst", true)]
    [InlineData("traditionalFirst", false)]
    [InlineData("rothFirst", false)]
    public void SpendingNeed_AfterTax_InEitherSourceOrder_NetsExactlyTheNeed_AcrossTheYearTheFirstSourceRunsDry(string order,
        bool benefits)
    {
        // Benefits from 62 are paid in every year (or none); the first source (150,000 pre-tax, or 120,000 of qualified
        // Roth) runs dry within a few years, and that year's withdrawal takes the rest of it and then the other source:
        // the taxable part of W changes slope there (docs/model.md section 5).
        bool traditionalFirst = order == "traditionalFirst";
        string income = benefits ? """ "income": [ { "type": "socialSecurity", "pia": 2000, "claimAge": 62 } ] """ : """ "income": [] """;
        var r = TestScenarios.Run(Parse($$"""
            "participant": { "birthYear": 1961, "retirementAge": 65, "endAge": 80 },
            "account": { "pretaxBalance": {{(traditionalFirst ? 150_000 : 600_000)}}, "rothBalance": {{(traditionalFirst ? 600_000 : 120_000)}},
                         "rothFirstContributionYear": 2010 },
            "withdrawals": { "strategy": "spendingNeed", "need": 60000, "afterTax": true, "order": "{{order}}" },
            "taxes": { "method": "brackets", "filingStatus": "single" },
            {{income}}
            """));

        var firstSource = traditionalFirst ? Metric.PretaxBalance : Metric.RothBalance;
        var secondSource = traditionalFirst ? Metric.RothBalance : Metric.PretaxBalance;
        int dry = Enumerable.Range(2026, 15).First(y => M(r, firstSource, y) == 0);
        Assert.InRange(dry, 2027, 2030);
        // Untouched, the second source would just grow (and pay its fee) that year.
        Assert.True(M(r, secondSource, dry) < M(r, secondSource, dry - 1) * Growth * (1 - Fee) - 1,
            "the year the first source runs dry also draws on the second");
        for (int year = 2026; year <= 2040; year++)
        {
            Assert.Equal(60_000, M(r, Metric.NetIncomeReal, year), Cent);
        }

        Assert.Equal(1.0, r.Summary.SuccessProbability);
    }

    [Fact]
    public void Cola_FollowsAFixedInflation_AndPensionsTheirOwnTerms()
    {
        // Born 1961 (FRA 67), 65 and retired in 2026: SS claimed at 66 starts July 2027 (6 months) at 1 − 12·5/9 %.
        var r = TestScenarios.Run(Parse("""
            "participant": { "birthYear": 1961, "retirementAge": 65, "endAge": 75 },
            "account": { "pretaxBalance": 100000 },
            "withdrawals": { "strategy": "rmdOnly" },
            "income": [
              { "type": "socialSecurity", "pia": 1800, "claimAge": 66 },
              { "type": "pension", "annual": 12000, "startAge": 65, "cola": "inflation" },
              { "type": "pension", "annual": 6000, "startAge": 65, "cola": 0.02 },
              { "type": "pension", "annual": 3000, "startAge": 65, "cola": "none" }
            ]
            """, inflation: 0.03));

        double factor = 1 - 12 * 5.0 / 900;
        for (int year = 2026; year <= 2036; year++)
        {
            double index = Math.Pow(1.03, year - 2026);
            // Pensions started in July 2026: 6 months in 2026.
            double months = year == 2026 ? 6 : 12;
            double ssMonths = year < 2027 ? 0 : year == 2027 ? 6 : 12;
            double expected = 1_800 * factor * ssMonths * index
                              + 12_000 * months / 12 * index
                              + 6_000 * months / 12 * Math.Pow(1.02, year - 2026)
                              + 3_000 * months / 12;
            Assert.Equal(expected, M(r, Metric.Income, year), Cent);
        }
    }

    private const string EarlyRetiree = """
        "participant": { "birthYear": 1971, "retirementAge": 56, "endAge": 66, "salary": 0 },
        "contributions": { "deferralRate": 0 },
        "account": { "pretaxBalance": 600000 },
        "withdrawals": { "strategy": "fixedReal", "amount": 40000 },
        "taxes": { "method": "flat", "rate": 0.22 }
        """;

    [Fact]
    public void RolloverAt56_PaysThePenaltyUntil59AndAHalf_ThatStayingInThePlanDoesNot()
    {
        var stay = TestScenarios.Run(Parse(EarlyRetiree));
        var rollover = TestScenarios.Run(Parse(EarlyRetiree + """, "separation": { "action": "rollover" } """));

        for (int year = 2027; year <= 2037; year++)
        {
            int age = year - 1971;
            Assert.Equal(40_000, M(rollover, Metric.Withdrawals, year), Cent);
            Assert.Equal(0, M(stay, Metric.Penalties, year));
            Assert.Equal(age < 60 ? 4_000 : 0, M(rollover, Metric.Penalties, year), Cent);
            Assert.Equal(M(stay, Metric.Balance, year), M(rollover, Metric.Balance, year), Cent);
            Assert.Equal(M(stay, Metric.Taxes, year), M(rollover, Metric.Taxes, year), Cent);
        }
    }

    [Fact]
    public void Rollover_ChargesTheIrasExpenseRatioFromTheRolloverYear()
    {
        var r = TestScenarios.Run(Parse(EarlyRetiree + """, "separation": { "action": "rollover", "expenseRatio": 0.001 } """));

        double b = 600_000 * Growth - 600_000 * Growth * Fee; // 2026, in the plan
        Assert.Equal(b, M(r, Metric.Balance, 2026), Cent);
        for (int year = 2027; year <= 2037; year++)
        {
            b = (b - 40_000) * Growth - (b - 40_000) * Growth * 0.001;
            Assert.Equal(b, M(r, Metric.Balance, year), Cent);
        }
    }

    [Fact]
    public void RolloverYear_ADeemedLoanDistributionKeepsThePlansRuleOf55_TheIrasWithdrawalsDoNot()
    {
        const string loan = """, "loans": [ { "age": 55, "amount": 20000, "years": 5, "rate": 0.05 } ] """;
        var stay = TestScenarios.Run(Parse(EarlyRetiree + loan));
        var rollover = TestScenarios.Run(Parse(EarlyRetiree + loan + """, "separation": { "action": "rollover" } """));

        // 2027, age 56: the outstanding loan is a deemed distribution from the plan (rule of 55: no penalty); the
        // 40,000 withdrawn from the IRA pays 10 %. Both pay 22 % on withdrawal + deemed amount.
        Assert.Equal(0, M(stay, Metric.Penalties, 2027));
        Assert.Equal(4_000, M(rollover, Metric.Penalties, 2027), Cent);
        Assert.Equal(M(stay, Metric.Taxes, 2027), M(rollover, Metric.Taxes, 2027), Cent);
        Assert.True(M(stay, Metric.Taxes, 2027) > 0.22 * 40_000 + 0.22 * 15_000);
    }

    [Theory]
    [InlineData(1976, 51, true)] // separated before 55: the withheld 20 % is penalised
    [InlineData(1971, 56, false)] // the rule of 55 covers it (a distribution from the plan)
    public void IndirectRollover_WithoutReplacingTheWithholding_TaxesTheTwentyPercent(int birthYear, int retirementAge,
        bool penalised)
    {
        var r = TestScenarios.Run(Parse($$"""
            "participant": { "birthYear": {{birthYear}}, "retirementAge": {{retirementAge}}, "endAge": {{retirementAge + 5}}, "salary": 0 },
            "contributions": { "deferralRate": 0 },
            "account": { "pretaxBalance": 500000 },
            "withdrawals": { "strategy": "rmdOnly" },
            "taxes": { "method": "flat", "rate": 0.22 },
            "separation": { "action": "rollover", "method": "indirect", "replaceWithholding": false }
            """));

        int year = birthYear + retirementAge;
        double opening = 500_000;
        for (int y = 2026; y < year; y++)
        {
            opening = opening * Growth - opening * Growth * Fee;
        }

        double withheld = 0.2 * opening;
        Assert.Equal(withheld, M(r, Metric.Withdrawals, year), Cent);
        Assert.Equal(0.22 * withheld, M(r, Metric.Taxes, year), Cent);
        Assert.Equal(penalised ? 0.1 * withheld : 0, M(r, Metric.Penalties, year), Cent);
        double rest = opening - withheld;
        Assert.Equal(rest * Growth - rest * Growth * Fee, M(r, Metric.Balance, year), Cent);
        Assert.Equal(0, M(r, Metric.Withdrawals, year + 1));
    }

    [Fact]
    public void IndirectRollover_ReplacingTheWithholding_EqualsADirectOne()
    {
        var direct = TestScenarios.Run(Parse(EarlyRetiree + """, "separation": { "action": "rollover" } """));
        var indirect = TestScenarios.Run(Parse(EarlyRetiree
            + """, "separation": { "action": "rollover", "method": "indirect", "replaceWithholding": true } """));

        for (int t = 0; t < direct.Years.Length; t++)
        {
            foreach (var m in Enum.GetValues<Metric>())
            {
                Assert.Equal(direct.Percentile(m, t, 3), indirect.Percentile(m, t, 3));
            }
        }
    }
}
