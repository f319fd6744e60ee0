using Sim.Engine.Scenarios;
using Sim.Engine.Simd;
using Sim.Engine.Simulation;
using Sim.Tests.Scenarios;
using Sim.Worker.Scenarios;

namespace Sim.Tests.Simulation;

/// <summary>
/// The vectorized distribution phase with Roth money (basis, the qualified test, the 2022-2023 Roth RMD), every
/// source order and bracket taxes, against the per-path phase it replaces: every metric of every path in every year,
/// bit for bit, over path counts 1..257 (whole vectors and remainders) at AVX-512, AVX2 and scalar width.
/// </summary>
public class VectorizedDistributionFacts
{
    private static WithdrawalStrategy Named(string name) => name switch
    {
        "percentOfBalance" => new PercentOfBalanceStrategy { Rate = 0.06 },
        "rmdOnly" => new RmdOnlyStrategy(),
        "fixedNominal" => new FixedNominalStrategy(),
        "guardrails" => new GuardrailsStrategy { InitialRate = 0.05 },
        "spendingNeed" => new SpendingNeedStrategy { Need = 45_000 },
        _ => new FixedRealStrategy(),
    };

    /// <summary>A scenario by case name: strategy/order/tax/life[/income], e.g. "fixedReal/proRata/flat/early" or
    /// "spendingNeed/proRata/mfj/pretax/ss+afterTax". Income "ss": the participant's Social Security at 67 and a
    /// spouse ten years older already claiming at 62 (so benefits are taxed, IRC 86, in every retired year); "pension":
    /// an inflation-indexed pension from 55, a level one from 60 and the spouse's benefit. "+afterTax": net targets,
    /// which the lanes solve exactly in every source order.</summary>
    private static Scenario Case(string name)
    {
        string[] p = name.Split('/');
        var s = p[3] switch
        {
            // Retires at 54 in 2026 with Roth money first contributed in 2024: non-qualified (taxable share of
            // 1 − basis/balance, 10% additional tax) until 59½ and five years.
            "early" => TestScenarios.Basic(1972, 54, endAge: 95, pretax: 300_000) with
            {
                Account = new Account { PretaxBalance = 300_000, RothBalance = 120_000, RothBasis = 70_000, RothFirstContributionYear = 2024 },
            },
            // Works to 62 putting 40% of deferrals in Roth, basis tracked from contributions.
            "saver" => TestScenarios.Basic(1970, 62, endAge: 97, salary: 120_000, pretax: 250_000) with
            {
                Account = new Account { PretaxBalance = 250_000, RothBalance = 30_000, RothBasis = 30_000, RothFirstContributionYear = 2023 },
                Contributions = new Contributions { DeferralRate = 0.10, RothShare = 0.4 },
            },
            // Already 77 in 2022: the Roth balance owes an RMD in 2022 and 2023 only.
            "rmd2022" => TestScenarios.Basic(1945, 65, endAge: 100, pretax: 500_000) with
            {
                Account = new Account { PretaxBalance = 500_000, RothBalance = 150_000, RothFirstContributionYear = 2010 },
                Simulation = new SimulationSettings { Paths = 64, Seed = 1, StartYear = 2022 },
            },
            // Pre-tax money only (brackets are the new part here).
            _ => TestScenarios.Basic(1966, 60, endAge: 95, pretax: 700_000),
        };

        var taxes = p[2] switch
        {
            "single" => new Taxes { Method = TaxMethod.Brackets, FilingStatus = FilingStatus.Single, OtherIncome = 30_000 },
            "mfj" => new Taxes { Method = TaxMethod.Brackets, FilingStatus = FilingStatus.Mfj },
            _ => new Taxes { Method = TaxMethod.Flat, Rate = 0.24 },
        };

        var order = Enum.Parse<WithdrawalOrder>(p[1], ignoreCase: true);
        string income = p.Length > 4 ? p[4] : "";
        s = s with
        {
            Withdrawals = new Withdrawals { Strategy = Named(p[0]), Order = order, AfterTax = income.EndsWith("+afterTax", StringComparison.Ordinal) },
            Taxes = taxes,
            Simulation = s.Simulation with { Paths = 1_001, Seed = 11 },
        };
        if (income.Length == 0)
        {
            return s;
        }

        var spouseBenefit = new SocialSecurityIncome { Owner = IncomeOwner.Spouse, Pia = 1_400, ClaimAgeMonths = 62 * 12 };
        IncomeStream[] streams = income.StartsWith("pension", StringComparison.Ordinal)
            ?
            [
                new PensionIncome { Annual = 12_000, StartAgeMonths = 55 * 12, Cola = PensionCola.Inflation },
                new PensionIncome { Annual = 8_000, StartAgeMonths = 60 * 12 },
                spouseBenefit,
            ]
            : [new SocialSecurityIncome { Pia = 2_900, ClaimAgeMonths = 67 * 12 }, spouseBenefit];
        return s with
        {
            Participant = s.Participant with { Spouse = new Spouse { BirthYear = s.Participant.BirthYear - 10 } },
            Income = streams,
        };
    }

    public static IEnumerable<object[]> Cases() =>
    [
        ["fixedReal/proRata/flat/early"], ["fixedReal/traditionalFirst/flat/early"], ["fixedReal/rothFirst/flat/early"],
        ["guardrails/proRata/flat/early"], ["percentOfBalance/rothFirst/single/early"], ["fixedNominal/proRata/mfj/early"],
        ["fixedReal/proRata/flat/saver"], ["guardrails/traditionalFirst/single/saver"], ["rmdOnly/proRata/mfj/saver"],
        ["fixedReal/proRata/flat/rmd2022"], ["rmdOnly/rothFirst/single/rmd2022"], ["percentOfBalance/traditionalFirst/flat/rmd2022"],
        ["fixedReal/proRata/single/pretax"], ["guardrails/proRata/mfj/pretax"], ["rmdOnly/proRata/single/pretax"],
        // Income streams (Social Security under IRC 86, pensions) and exact after-tax targets in lanes.
        ["spendingNeed/proRata/mfj/pretax/ss+afterTax"], ["spendingNeed/proRata/single/early/ss+afterTax"],
        ["spendingNeed/proRata/flat/saver/pension+afterTax"], ["spendingNeed/proRata/mfj/rmd2022/ss+afterTax"],
        ["fixedReal/proRata/single/early/pension+afterTax"], ["spendingNeed/traditionalFirst/single/pretax/ss"],
        ["spendingNeed/rothFirst/flat/early/pension"], ["guardrails/proRata/mfj/saver/ss"], ["rmdOnly/traditionalFirst/flat/rmd2022/pension"],
        // After-tax targets with the other orders: two affine pieces, each solved exactly.
        ["spendingNeed/traditionalFirst/mfj/early/ss+afterTax"], ["spendingNeed/rothFirst/single/early/ss+afterTax"],
        ["spendingNeed/traditionalFirst/mfj/rmd2022/ss+afterTax"], ["fixedReal/rothFirst/flat/saver/ss+afterTax"],
        ["guardrails/traditionalFirst/mfj/saver/pension+afterTax"], ["spendingNeed/traditionalFirst/mfj/pretax/ss+afterTax"],
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryRetiredYear_RunsVectorized(string name)
    {
        var s = Case(name);
        var plan = YearPlan.Build(s);
        var kernel = new PathKernel(s, plan, SimdWidth.Auto);
        Assert.All(plan.Where(y => !y.Employed), y => Assert.True(kernel.DistributesVectorized(y), $"{y.Year}"));
        // The forced per-path phase is the reference below, so it must really be the other phase.
        var forced = new PathKernel(s, plan, SimdWidth.Auto, scalarDistribution: true);
        Assert.DoesNotContain(plan, forced.DistributesVectorized);
    }

    [Fact]
    public void AfterTaxTargets_TheExactInverseDoesNotCover_StayPerPath()
    {
        // A 50% flat rate on a dollar that also makes 85 cents of benefits taxable: net can fall as W rises, so the
        // exact inverse does not apply (HouseholdGrossUp.IsIncreasing) and the per-path root find solves it, in every
        // source order.
        var highRate = Case("spendingNeed/proRata/flat/pretax/ss+afterTax") with { Taxes = new Taxes { Method = TaxMethod.Flat, Rate = 0.5 } };
        var otherOrder = Case("spendingNeed/traditionalFirst/flat/early/ss+afterTax") with { Taxes = new Taxes { Method = TaxMethod.Flat, Rate = 0.5 } };
        foreach (var s in new[] { highRate, otherOrder })
        {
            var plan = YearPlan.Build(s);
            var kernel = new PathKernel(s, plan, SimdWidth.Auto);
            Assert.DoesNotContain(plan, kernel.DistributesVectorized);
            var r = SimulationEngine.Run(s, new SimulationOptions { Paths = 200 });
            Assert.True(r.Summary.MeanTotalTaxes > 0 && double.IsFinite(r.Summary.MeanTotalTaxes));
        }

        // The same scenario at 24% is vectorized: the switch is the rate, not the scenario's shape.
        var lower = highRate with { Taxes = new Taxes { Method = TaxMethod.Flat, Rate = 0.24 } };
        var lowerPlan = YearPlan.Build(lower);
        var lowerKernel = new PathKernel(lower, lowerPlan, SimdWidth.Auto);
        Assert.All(lowerPlan.Where(y => !y.Employed), y => Assert.True(lowerKernel.DistributesVectorized(y), $"{y.Year}"));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void VectorizedPhase_GivesThePerPathPhasesBits_ForEveryPathMetricAndYear(string name)
    {
        var s = Case(name);
        var (slow, slowBits) = Run(s, new SimulationOptions { ScalarDistribution = true, Width = SimdWidth.Scalar });
        var (fast, fastBits) = Run(s, new SimulationOptions { Threads = 2, BlockSize = 333 });
        Assert.Equal(slowBits, fastBits);
        Assert.Equal(ReproducibilityFacts.Flatten(slow), ReproducibilityFacts.Flatten(fast));
        Assert.Equal(slow.Yearly.ShareFailed, fast.Yearly.ShareFailed);
        Assert.Equal(slow.Yearly.ShareRmdBinding, fast.Yearly.ShareRmdBinding);
        Assert.Equal(slow.Summary.SuccessProbability, fast.Summary.SuccessProbability);
        Assert.Equal(slow.Summary.MeanTotalTaxes, fast.Summary.MeanTotalTaxes);
        // The case exercises what it names: taxes and Roth money move (not all zero).
        Assert.Contains(slowBits, b => b != 0);
        Assert.True(slow.Summary.MeanTotalTaxes > 0);
    }

    public static IEnumerable<object[]> WidthCases() =>
        from w in new[] { SimdWidth.Scalar, SimdWidth.Vector256, SimdWidth.Vector512 }
        from c in new[]
        {
            "guardrails/proRata/single/early", "fixedReal/rothFirst/flat/rmd2022", "fixedReal/traditionalFirst/mfj/saver",
            "spendingNeed/proRata/single/early/ss+afterTax", "spendingNeed/proRata/flat/saver/pension+afterTax",
            "spendingNeed/proRata/mfj/pretax/ss+afterTax",
        }
        select new object[] { w, c };

    [Theory]
    [MemberData(nameof(WidthCases))]
    public void EveryWidth_GivesThePerPathPhasesBits_AtEveryPathCountUpTo257(SimdWidth width, string name)
    {
        var s = Case(name);
        foreach (int paths in PathCounts())
        {
            var (_, slowBits) = Run(s, new SimulationOptions { Paths = paths, ScalarDistribution = true, Width = SimdWidth.Scalar });
            // Blocks of 37 put a remainder (37 mod 8, 37 mod 4) in every block, not only the last.
            var (_, fastBits) = Run(s, new SimulationOptions { Paths = paths, Width = width, BlockSize = 37, Threads = 2 });
            Assert.True(slowBits.SequenceEqual(fastBits), $"{paths} paths at {width}");
        }
    }

    private static IEnumerable<int> PathCounts() =>
        Enumerable.Range(1, 20).Concat([31, 32, 33, 63, 64, 65, 100, 127, 128, 129, 200, 255, 256, 257]);

    /// <summary>Which shipped scenarios keep every retired year on the vectorized phase (issue 10, "no cliff"):
    /// couple-spending-need's after-tax targets with two Social Security streams included.</summary>
    [Theory]
    [InlineData("baseline.json")]
    [InlineData("couple-spending-need.json")]
    [InlineData("social-security-claim-70.json")]
    [InlineData("roth-401k.json")]
    [InlineData("high-earner-limits.json")]
    [InlineData("late-saver-catch-up.json")]
    [InlineData("target-date-reits.json")]
    [InlineData("young-spouse-joint-table.json")]
    public void ShippedScenario_RunsEveryRetiredYearVectorized(string file)
    {
        var loaded = ScenarioFile.Load(Path.Combine(ScenarioTestSupport.RepositoryRoot(), "scenarios", file), ScenarioTestSupport.ClockYear);
        Assert.True(loaded.IsValid, string.Join("; ", loaded.Result.Errors));
        var s = loaded.Scenario!;
        var plan = YearPlan.Build(s);
        var kernel = new PathKernel(s, plan, SimdWidth.Auto);
        Assert.All(plan.Where(y => !y.Employed), y => Assert.True(kernel.DistributesVectorized(y), $"{y.Year}"));
    }

    /// <summary>A loan keeps only its event years per path (repayment while employed, the deemed distribution in the
    /// separation year): afterwards no path has a loan, and the retired years run vectorized with the same bits.</summary>
    [Fact]
    public void LoanThenLeave_KeepsOnlyItsLoanEventYearsPerPath_AndTheRestVectorizedGivesTheSameBits()
    {
        var loaded = ScenarioFile.Load(Path.Combine(ScenarioTestSupport.RepositoryRoot(), "scenarios", "loan-then-leave.json"), ScenarioTestSupport.ClockYear);
        var s = loaded.Scenario!;
        var plan = YearPlan.Build(s);
        var kernel = new PathKernel(s, plan, SimdWidth.Auto);
        var retired = plan.Where(y => !y.Employed).ToList();
        Assert.False(kernel.DistributesVectorized(retired[0])); // the separation year: the deemed distribution
        Assert.True(retired[0].LoanEvents);
        Assert.All(retired.Skip(1), y => Assert.False(y.LoanEvents));
        Assert.All(retired.Skip(1).Where(y => y.RmdDivisor > 0), y => Assert.True(kernel.DistributesVectorized(y), $"{y.Year}"));

        var (slow, slowBits) = Run(s, new SimulationOptions { Paths = 301, ScalarDistribution = true, Width = SimdWidth.Scalar });
        var (fast, fastBits) = Run(s, new SimulationOptions { Paths = 301, Threads = 2, BlockSize = 37 });
        Assert.Equal(slowBits, fastBits);
        Assert.Equal(slow.Summary.MeanTotalTaxes, fast.Summary.MeanTotalTaxes);
        Assert.True(slow.Summary.MeanTotalTaxes > 0);
    }

    [Fact]
    public void TheSpecExample_RunsEveryRetiredYearVectorized()
    {
        var loaded = ScenarioFile.Load(ScenarioTestSupport.TestDataPath("scenario.example.json"), ScenarioTestSupport.ClockYear);
        var s = loaded.Scenario!;
        var plan = YearPlan.Build(s);
        var kernel = new PathKernel(s, plan, SimdWidth.Auto);
        Assert.All(plan.Where(y => !y.Employed), y => Assert.True(kernel.DistributesVectorized(y), $"{y.Year}"));
    }

    private static (SimulationResult Result, List<long> Bits) Run(Scenario s, SimulationOptions options)
    {
        var observer = new AllBits();
        var r = SimulationEngine.Run(s, options, observer: observer);
        return (r, observer.Bits);
    }

    /// <summary>Every metric of every path in every year, as raw bits (so −0 and +0, or a last-bit difference,
    /// count as different).</summary>
    private sealed class AllBits : IYearObserver
    {
        public List<long> Bits { get; } = [];

        public void OnYear(YearPlan year, YearMetrics metrics, int paths)
        {
            for (int k = 0; k < Metrics.Count; k++)
            {
                foreach (double v in metrics[k].AsSpan(0, paths))
                {
                    Bits.Add(BitConverter.DoubleToInt64Bits(v));
                }
            }
        }
    }
}
