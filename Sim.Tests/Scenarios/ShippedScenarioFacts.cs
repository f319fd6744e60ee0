using Sim.Engine.Scenarios;
using Sim.Worker.Scenarios;
using static Sim.Tests.Scenarios.ScenarioTestSupport;

namespace Sim.Tests.Scenarios;

/// <summary>Every scenario in scenarios/ and every stress overlay in scenarios/stress/ is valid and says what it is.</summary>
public class ShippedScenarioFacts
{
    private static string ScenariosFolder => Path.Combine(RepositoryRoot(), "scenarios");

    public static TheoryData<string> Scenarios() => [.. ScenarioFileNames()];

    public static TheoryData<string> Overlays() => [.. OverlayFileNames()];

    private static string[] ScenarioFileNames() =>
        [.. Directory.GetFiles(ScenariosFolder, "*.json").Select(f => Path.GetFileName(f)).Order()];

    private static string[] OverlayFileNames() =>
        [.. Directory.GetFiles(Path.Combine(ScenariosFolder, "stress"), "*.json").Select(f => Path.GetFileName(f)).Order()];

    [Fact]
    public void TheListedScenariosAndOverlaysAreAllShipped()
    {
        string[] scenarios =
        [
            "baseline.json", "early-retiree-rule-of-55.json", "high-earner-limits.json", "late-saver-catch-up.json",
            "loan-then-leave.json", "roth-401k.json", "target-date-reits.json", "young-spouse-joint-table.json",
            "social-security-claim-70.json", "couple-spending-need.json", "rollover-at-56.json",
        ];
        string[] overlays = ["2008-first-retirement-year.json", "fat-tails.json", "high-inflation-1970s.json", "lost-decade.json"];

        Assert.Subset(ScenarioFileNames().ToHashSet(), scenarios.ToHashSet());
        Assert.Subset(OverlayFileNames().ToHashSet(), overlays.ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void ShippedScenario_IsValid_NamedAfterItsFile_WithAOneLineDescription_AndAFixedStartYear(string file)
    {
        var path = Path.Combine(ScenariosFolder, file);

        // A clock year far from 2026 proves the file does not lean on the clock.
        var loaded = ScenarioFile.Load(path, 2040);

        Assert.True(loaded.IsValid, string.Join(Environment.NewLine, loaded.Result.Errors));
        Assert.Empty(loaded.Result.Warnings);
        var s = loaded.Scenario!;
        Assert.Equal(Path.GetFileNameWithoutExtension(file), s.Name);
        Assert.Contains("\"name\"", loaded.Json, StringComparison.Ordinal);
        Assert.Equal(2026, s.Simulation.StartYear);
        Assert.False(string.IsNullOrWhiteSpace(s.Description));
        Assert.DoesNotContain('\n', s.Description);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void ShippedOverlay_IsValid_OnTheReferenceBase_AndOnEveryShippedScenario(string file)
    {
        var text = File.ReadAllText(Path.Combine(ScenariosFolder, "stress", file));
        var overlay = OverlayFile.Parse(text);
        Assert.True(overlay.IsValid, string.Join(Environment.NewLine, overlay.Errors));
        Assert.Equal(Path.GetFileNameWithoutExtension(file), overlay.Overlay!.Name);
        Assert.False(string.IsNullOrWhiteSpace(overlay.Overlay.Description));

        var onReference = OverlayFile.Validate(text, OverlayFile.ReferenceBaseJson, ClockYear);
        Assert.True(onReference.IsValid, string.Join(Environment.NewLine, onReference.Errors));

        foreach (var scenarioFile in ScenarioFileNames())
        {
            var loaded = ScenarioFile.LoadWithOverlay(Path.Combine(ScenariosFolder, scenarioFile),
                Path.Combine(ScenariosFolder, "stress", file), ClockYear);
            Assert.True(loaded.IsValid, $"{scenarioFile}: " + string.Join(Environment.NewLine, loaded.Result.Errors));
            Assert.Equal($"{Path.GetFileNameWithoutExtension(scenarioFile)}-{overlay.Overlay.Name}", loaded.Scenario!.Name);
        }
    }

    [Fact]
    public void Baseline_IsTheSeedsTypicalPlan()
    {
        var s = ScenarioFile.Load(Path.Combine(ScenariosFolder, "baseline.json"), ClockYear).Scenario!;

        Assert.Equal(35, s.AgeIn(2026));
        Assert.Equal(85000, s.Participant.Salary);
        Assert.Equal(0.06, s.Contributions.DeferralRate);
        Assert.Equal([new MatchTier(0.5, 0.06)], s.Employer.Match);
        Assert.Equal(AllocationType.AgeInBonds, s.Allocation.Type);
        Assert.Equal(0.0049, s.Fees.ExpenseRatio);
        Assert.Equal(0.04, Assert.IsType<FixedRealStrategy>(s.Withdrawals.Strategy).InitialRate);
        Assert.Equal(65, s.Participant.RetirementAge);
        Assert.Equal(95, s.Participant.EndAge);
        Assert.Equal(10_000, s.Simulation.Paths);
        Assert.Equal(1UL, s.Simulation.Seed);
    }

    [Fact]
    public void SocialSecurityClaim70_IsTheBaselinePerson_WithABenefitClaimedAt70_AndASpendingNeed()
    {
        var baseline = ScenarioFile.Load(Path.Combine(ScenariosFolder, "baseline.json"), ClockYear).Scenario!;
        var s = ScenarioFile.Load(Path.Combine(ScenariosFolder, "social-security-claim-70.json"), ClockYear).Scenario!;

        Assert.Equal(baseline.Participant, s.Participant);
        Assert.Equal(baseline.Account, s.Account);
        Assert.Equal(baseline.Contributions, s.Contributions);
        Assert.Equal(baseline.Taxes, s.Taxes);
        Assert.Equal(new SocialSecurityIncome { Pia = 2800, ClaimAgeMonths = 70 * 12 }, Assert.Single(s.Income));
        Assert.Equal(60_000, Assert.IsType<SpendingNeedStrategy>(s.Withdrawals.Strategy).Need);
    }

    [Fact]
    public void CoupleSpendingNeed_HasBothSpousesBenefits_AndFilesJointly()
    {
        var s = ScenarioFile.Load(Path.Combine(ScenariosFolder, "couple-spending-need.json"), ClockYear).Scenario!;

        Assert.Equal([IncomeOwner.Participant, IncomeOwner.Spouse], s.Income.Select(x => x.Owner));
        Assert.Equal(FilingStatus.Mfj, s.Taxes.FilingStatus);
        Assert.Equal(TaxMethod.Brackets, s.Taxes.Method);
        Assert.True(s.Withdrawals.AfterTax);
    }

    [Fact]
    public void RolloverAt56_RollsOverAtSeparationAt56()
    {
        var s = ScenarioFile.Load(Path.Combine(ScenariosFolder, "rollover-at-56.json"), ClockYear).Scenario!;

        Assert.Equal(56, s.Participant.RetirementAge);
        Assert.True(s.AgeIn(s.FirstYear) < 56);
        Assert.True(s.Separation.IsRollover);
        Assert.Contains("rule of 55", s.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void StressOverlay2008_PinsTheDamodaran2008ReturnsInTheFirstRetirementYear()
    {
        var baseline = File.ReadAllText(Path.Combine(ScenariosFolder, "baseline.json"));
        var overlay = OverlayFile.Parse(File.ReadAllText(Path.Combine(ScenariosFolder, "stress", "2008-first-retirement-year.json"))).Overlay!;

        var shock = Assert.Single(Valid(overlay.ApplyTo(baseline)).Returns.Shocks);

        Assert.Equal(new Shock { YearsAfterRetirement = 0, Stocks = -0.365523, Bonds = 0.201013, Cash = 0.014, Reits = -0.3773 }, shock);
    }

    [Fact]
    public void LostDecadeOverlay_CompoundsToTheSp500s2000To2009Loss()
    {
        var overlay = OverlayFile.Parse(File.ReadAllText(Path.Combine(ScenariosFolder, "stress", "lost-decade.json"))).Overlay!;
        var shocks = Valid(overlay.ApplyTo(MinimalJson)).Returns.Shocks;

        Assert.Equal(Enumerable.Range(0, 10), shocks.Select(x => x.YearsAfterRetirement!.Value));
        // Damodaran's S&P 500 total return, 2000-2009: growth of $1 = 0.9086 (a 9.1% loss over the decade).
        Assert.Equal(0.908635, shocks.Aggregate(1.0, (g, x) => g * (1 + x.Stocks!.Value)), 6);
    }
}
