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
        if (income.Length == 0 || income.StartsWith("none", StringComparison.Ordinal))
        {
            return s;
        }

        // Without benefits: "pensionsOnly" (no Social Security in any year), "ss67" (the participant's own benefit
        // from 67 only, so the years before it have none).
        if (income.StartsWith("pensionsOnly", StringComparison.Ordinal) || income.StartsWith("ss67", StringComparison.Ordinal))
        {
            IncomeStream[] own = income.StartsWith("ss67", StringComparison.Ordinal)
                ? [new SocialSecurityIncome { Pia = 2_900, ClaimAgeMonths = 67 * 12 }]
                :
                [
                    new PensionIncome { Annual = 12_000, StartAgeMonths = 55 * 12, Cola = PensionCola.Inflation },
                    new PensionIncome { Annual = 8_000, StartAgeMonths = 60 * 12 },
                ];
            return s with { Income = own };
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
        // After-tax targets without Social Security (issue 10): no income, pensions only, and the years before a
        // benefit starts; brackets (with other income) and flat, pre-tax only and with Roth money, with the 10%
        // additional tax (early), with RMDs (pretax, rmd2022's Roth RMD).
        ["spendingNeed/proRata/mfj/pretax/none+afterTax"], ["fixedReal/proRata/single/pretax/none+afterTax"],
        ["spendingNeed/proRata/flat/pretax/none+afterTax"], ["spendingNeed/proRata/single/early/none+afterTax"],
        ["guardrails/proRata/flat/early/none+afterTax"], ["spendingNeed/proRata/mfj/saver/none+afterTax"],
        ["fixedReal/proRata/single/rmd2022/none+afterTax"], ["spendingNeed/proRata/flat/rmd2022/none+afterTax"],
        ["spendingNeed/proRata/mfj/early/pensionsOnly+afterTax"], ["percentOfBalance/proRata/flat/pretax/pensionsOnly+afterTax"],
        ["spendingNeed/proRata/single/early/ss67+afterTax"], ["fixedNominal/proRata/flat/saver/ss67+afterTax"],
        // After-tax targets with the other orders: two affine pieces, each solved exactly.
        ["spendingNeed/traditionalFirst/mfj/early/ss+afterTax"], ["spendingNeed/rothFirst/single/early/ss+afterTax"],
        ["spendingNeed/traditionalFirst/mfj/rmd2022/ss+afterTax"], ["fixedReal/rothFirst/flat/saver/ss+afterTax"],
        ["guardrails/traditionalFirst/mfj/saver/pension+afterTax"], ["spendingNeed/traditionalFirst/mfj/pretax/ss+afterTax"],
        // ... and without Social Security (no income, pensions only, the years before a benefit at 67).
        ["spendingNeed/traditionalFirst/single/early/none+afterTax"], ["spendingNeed/rothFirst/flat/early/none+afterTax"],
        ["fixedReal/traditionalFirst/mfj/rmd2022/none+afterTax"], ["guardrails/rothFirst/single/saver/pensionsOnly+afterTax"],
        ["spendingNeed/traditionalFirst/flat/early/ss67+afterTax"], ["spendingNeed/rothFirst/mfj/pretax/none+afterTax"],
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
            "spendingNeed/proRata/single/early/none+afterTax", "spendingNeed/proRata/flat/early/none+afterTax",
            "fixedReal/proRata/single/rmd2022/none+afterTax", "spendingNeed/proRata/mfj/early/pensionsOnly+afterTax",
            "spendingNeed/proRata/single/early/ss67+afterTax",
            "spendingNeed/traditionalFirst/mfj/early/ss+afterTax", "spendingNeed/rothFirst/single/early/none+afterTax",
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

    /// <summary>couple-spending-need's after-tax targets without benefits in some or all years (issue 10's cliff:
    /// they ran per path): its income removed (the throughput bench's noincome variant), and only his benefit at 67
    /// (the years 65-66 have none). Every retired year runs vectorized, with the per-path phase's bits.</summary>
    [Theory]
    [InlineData("noIncome")]
    [InlineData("hisBenefitOnly")]
    public void CoupleSpendingNeed_WithoutBenefits_RunsEveryRetiredYearVectorized_WithThePerPathBits(string variant)
    {
        var loaded = ScenarioFile.Load(Path.Combine(ScenarioTestSupport.RepositoryRoot(), "scenarios", "couple-spending-need.json"), ScenarioTestSupport.ClockYear);
        var couple = loaded.Scenario!;
        var s = couple with { Income = variant == "noIncome" ? [] : [couple.Income[0]] };
        var plan = YearPlan.Build(s);
        var kernel = new PathKernel(s, plan, SimdWidth.Auto);
        var retired = plan.Where(y => !y.Employed).ToList();
        Assert.All(retired, y => Assert.True(kernel.DistributesVectorized(y), $"{y.Year}"));
        // The case has what it names: retired years without Social Security (all, or 65 and 66).
        Assert.Equal(variant == "noIncome" ? retired.Count : 2, retired.Count(y => y.Income.SocialSecurityToday == 0));

        var (slow, slowBits) = Run(s, new SimulationOptions { Paths = 517, ScalarDistribution = true, Width = SimdWidth.Scalar });
        var (fast, fastBits) = Run(s, new SimulationOptions { Paths = 517, Threads = 2, BlockSize = 37 });
        Assert.True(slowBits.SequenceEqual(fastBits));
        Assert.Equal(slow.Summary.MeanTotalTaxes, fast.Summary.MeanTotalTaxes);
        Assert.True(slow.Summary.MeanTotalTaxes > 0);
    }

    /// <summary>Depleted paths in after-tax years without benefits: where the account is empty the per-path phase
    /// runs its root find (what the RMD leaves is 0), which returns the target; the lanes select it. A need of
    /// $80,000 after tax on $420,000 at 54 empties most paths, which keep distributing (and failing) for decades.</summary>
    [Theory]
    [InlineData(SimdWidth.Scalar, "single")]
    [InlineData(SimdWidth.Vector256, "single")]
    [InlineData(SimdWidth.Vector512, "single")]
    [InlineData(SimdWidth.Vector256, "flat")]
    [InlineData(SimdWidth.Vector256, "mfj")]
    public void AfterTaxWithoutBenefits_OnDepletedPaths_GivesThePerPathRootFindsBits(SimdWidth width, string tax)
    {
        var early = Case($"spendingNeed/proRata/{tax}/early/none+afterTax");
        var s = early with { Withdrawals = early.Withdrawals with { Strategy = new SpendingNeedStrategy { Need = 80_000 } } };
        var plan = YearPlan.Build(s);
        var kernel = new PathKernel(s, plan, SimdWidth.Auto);
        Assert.All(plan.Where(y => !y.Employed), y => Assert.True(kernel.DistributesVectorized(y), $"{y.Year}"));

        var (slow, slowBits) = Run(s, new SimulationOptions { Paths = 301, ScalarDistribution = true, Width = SimdWidth.Scalar });
        var (fast, fastBits) = Run(s, new SimulationOptions { Paths = 301, Width = width, BlockSize = 37, Threads = 2 });
        Assert.True(slowBits.SequenceEqual(fastBits));
        Assert.Equal(slow.Yearly.ShareFailed, fast.Yearly.ShareFailed);
        // Most paths are empty for their last decades (so the empty-account branch is exercised).
        Assert.True(slow.Yearly.ShareFailed[^1] > 0.5, $"{slow.Yearly.ShareFailed[^1]}");
    }

    /// <summary>Where the empty account's root find shows: an account empty from its first distribution year needs
    /// the target itself (the root find's answer), more than the balance of 0, so every path fails that year, in
    /// both phases (a need of 0 would fail none).</summary>
    [Theory]
    [InlineData("single")]
    [InlineData("flat")]
    public void AnAccountEmptyFromTheStart_NeedsItsTarget_AndFailsInItsFirstYear_AsPerPath(string tax)
    {
        var s = TestScenarios.Basic(1960, 60, endAge: 80, pretax: 0) with
        {
            Withdrawals = new Withdrawals { Strategy = new SpendingNeedStrategy { Need = 30_000 }, AfterTax = true },
            Taxes = tax == "flat" ? new Taxes { Method = TaxMethod.Flat, Rate = 0.2 }
                : new Taxes { Method = TaxMethod.Brackets, FilingStatus = FilingStatus.Single, OtherIncome = 10_000 },
            Simulation = new SimulationSettings { Paths = 61, Seed = 3, StartYear = 2026 },
        };
        var plan = YearPlan.Build(s);
        var kernel = new PathKernel(s, plan, SimdWidth.Auto);
        Assert.All(plan, y => Assert.True(kernel.DistributesVectorized(y), $"{y.Year}"));
        var (slow, slowBits) = Run(s, new SimulationOptions { ScalarDistribution = true, Width = SimdWidth.Scalar });
        var (fast, fastBits) = Run(s, new SimulationOptions { BlockSize = 37, Threads = 2 });
        Assert.True(slowBits.SequenceEqual(fastBits));
        Assert.Equal(1.0, slow.Yearly.ShareFailed[0]);
        Assert.Equal(slow.Yearly.ShareFailed, fast.Yearly.ShareFailed);
        Assert.Equal(slow.Summary.SuccessProbability, fast.Summary.SuccessProbability);
    }

    /// <summary>The years whose after-tax solve the lanes leave per path, without Social Security: where the rate
    /// plus the 10% additional tax reach 100% (the scalar inverse's exception must keep its behaviour), and an RMD
    /// divisor below 2 (the RMD could take a whole positive balance, where the per-path phase iterates).</summary>
    [Fact]
    public void AfterTaxWithoutBenefits_TheExactInverseDoesNotCover_StayPerPath()
    {
        // 95% flat: with the 10% additional tax (until 59½) the inverse may throw, so those years stay per path;
        // from 59½ (95% alone) they run in lanes.
        var steep = Case("spendingNeed/proRata/flat/early/none+afterTax") with { Taxes = new Taxes { Method = TaxMethod.Flat, Rate = 0.95 } };
        var plan = YearPlan.Build(steep);
        var kernel = new PathKernel(steep, plan, SimdWidth.Auto);
        var retired = plan.Where(y => !y.Employed).ToList();
        Assert.Contains(retired, y => y.PenaltyApplies);
        Assert.All(retired, y => Assert.Equal(!y.PenaltyApplies, kernel.DistributesVectorized(y)));

        // An RMD divisor below 2 (none in the IRS tables): per path; at 2 and above, in lanes.
        var s = Case("spendingNeed/proRata/single/pretax/none+afterTax");
        var rmdYears = YearPlan.Build(s).Where(y => y.RmdDivisor > 0).ToList();
        Assert.NotEmpty(rmdYears);
        foreach (double divisor in new[] { 1.0, 1.5, 1.999 })
        {
            var low = YearPlan.Build(s).Select(y => y.RmdDivisor > 0 ? y with { RmdDivisor = divisor } : y).ToList();
            var lowKernel = new PathKernel(s, low, SimdWidth.Auto);
            Assert.All(low.Where(y => y.RmdDivisor > 0), y => Assert.False(lowKernel.DistributesVectorized(y), $"{y.Year}"));
        }

        var two = YearPlan.Build(s).Select(y => y.RmdDivisor > 0 ? y with { RmdDivisor = 2.0 } : y).ToList();
        var twoKernel = new PathKernel(s, two, SimdWidth.Auto);
        Assert.All(two.Where(y => y.RmdDivisor > 0), y => Assert.True(twoKernel.DistributesVectorized(y), $"{y.Year}"));

        // The other orders take the same two gates (rate plus penalty below 100%); an RMD divisor below 2 does not
        // matter to them (their solve has no empty-account branch to reproduce).
        var steepOrder = Case("spendingNeed/traditionalFirst/flat/early/none+afterTax") with { Taxes = new Taxes { Method = TaxMethod.Flat, Rate = 0.95 } };
        var steepPlan = YearPlan.Build(steepOrder);
        var steepKernel = new PathKernel(steepOrder, steepPlan, SimdWidth.Auto);
        Assert.All(steepPlan.Where(y => !y.Employed), y => Assert.Equal(!y.PenaltyApplies, steepKernel.DistributesVectorized(y)));
        var lowOrder = Case("spendingNeed/rothFirst/single/early/none+afterTax");
        var lowPlan = YearPlan.Build(lowOrder).Select(y => y.RmdDivisor > 0 ? y with { RmdDivisor = 1.5 } : y).ToList();
        var lowOrderKernel = new PathKernel(lowOrder, lowPlan, SimdWidth.Auto);
        Assert.All(lowPlan.Where(y => !y.Employed), y => Assert.True(lowOrderKernel.DistributesVectorized(y), $"{y.Year}"));
    }

    /// <summary>A deferred first RMD keeps only two years per path: the first RMD year (it defers its requirement) and
    /// the next (it pays it on top of its own); every later year runs vectorized, with the per-path phase's bits.</summary>
    [Theory]
    [InlineData("fixedReal/proRata/flat/pretax")]
    [InlineData("spendingNeed/traditionalFirst/mfj/early/ss+afterTax")]
    [InlineData("rmdOnly/proRata/single/saver")]
    public void DeferredFirstRmd_KeepsOnlyTheDeferringAndThePayingYearPerPath_WithThePerPathBits(string name)
    {
        var s = Case(name) with { Withdrawals = Case(name).Withdrawals with { DeferFirstRmd = true } };
        var plan = YearPlan.Build(s);
        var kernel = new PathKernel(s, plan, SimdWidth.Auto);
        var rmdYears = plan.Where(y => y.RmdDivisor > 0).ToList();
        Assert.True(rmdYears.Count > 5);
        Assert.True(rmdYears[0].RmdDeferredThisYear && rmdYears[1].PaysDeferredRmd);
        Assert.False(kernel.DistributesVectorized(rmdYears[0]));
        Assert.False(kernel.DistributesVectorized(rmdYears[1]));
        Assert.All(plan.Where(y => !y.Employed && !y.RmdDeferredThisYear && !y.PaysDeferredRmd),
            y => Assert.True(kernel.DistributesVectorized(y), $"{y.Year}"));

        var (slow, slowBits) = Run(s, new SimulationOptions { Paths = 301, ScalarDistribution = true, Width = SimdWidth.Scalar });
        var (fast, fastBits) = Run(s, new SimulationOptions { Paths = 301, Threads = 2, BlockSize = 37 });
        Assert.Equal(slowBits, fastBits);
        Assert.Equal(ReproducibilityFacts.Flatten(slow), ReproducibilityFacts.Flatten(fast));
        Assert.Equal(slow.Yearly.ShareRmdBinding, fast.Yearly.ShareRmdBinding);
        // The deferral is real: at the top percentile (paths with money left) the paying year's RMD is about two
        // years' requirements.
        int paying = Array.IndexOf(slow.Years, rmdYears[1].Year), top = slow.Levels.Count - 1;
        Assert.True(slow.Percentiles[(int)Metric.Rmd, paying, top] > 1.6 * slow.Percentiles[(int)Metric.Rmd, paying + 1, top],
            $"{slow.Percentiles[(int)Metric.Rmd, paying, top]} vs {slow.Percentiles[(int)Metric.Rmd, paying + 1, top]}");
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
