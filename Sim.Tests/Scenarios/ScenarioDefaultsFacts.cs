using Sim.Engine.Scenarios;
using static Sim.Tests.Scenarios.ScenarioTestSupport;

namespace Sim.Tests.Scenarios;

/// <summary>A minimal file (birth year, salary, balance, retirement age) gets exactly the documented defaults.</summary>
public class ScenarioDefaultsFacts
{
    private static readonly Scenario Minimal = Valid(MinimalJson);

    [Fact]
    public void MinimalFile_IsValidWithoutWarnings()
    {
        var r = Parse(MinimalJson);

        Assert.True(r.IsValid);
        Assert.Empty(r.Warnings);
    }

    [Fact]
    public void MinimalFile_KeepsTheFourFieldsItNames()
    {
        Assert.Equal(1991, Minimal.Participant.BirthYear);
        Assert.Equal(85000, Minimal.Participant.Salary);
        Assert.Equal(65, Minimal.Participant.RetirementAge);
        Assert.Equal(60000, Minimal.Account.PretaxBalance);
    }

    [Fact]
    public void MinimalFile_SimulationDefaults_Are10000PathsSeed1AndTheSevenPercentiles()
    {
        Assert.Equal(10_000, Minimal.Simulation.Paths);
        Assert.Equal(1UL, Minimal.Simulation.Seed);
        Assert.Equal([5, 10, 25, 50, 75, 90, 95], Minimal.Simulation.Percentiles);
    }

    [Fact]
    public void MissingStartYear_TakesTheCallersYear()
    {
        Assert.Equal(2026, Minimal.Simulation.StartYear);
        Assert.Equal(2031, ScenarioJson.Parse(MinimalJson, 2031).Scenario!.Simulation.StartYear);
    }

    [Fact]
    public void MinimalFile_ParticipantDefaults()
    {
        Assert.Equal(95, Minimal.Participant.EndAge);
        Assert.Equal(0.03, Minimal.Participant.SalaryGrowth);
        Assert.Equal(0, Minimal.Participant.YearsOfService);
        Assert.False(Minimal.Participant.FivePercentOwner);
        Assert.False(Minimal.Participant.Disability);
        Assert.Null(Minimal.Participant.Spouse);
    }

    [Fact]
    public void MinimalFile_AccountDefaults_RothBasisNullMeansEqualToRothBalance()
    {
        Assert.Equal(0, Minimal.Account.RothBalance);
        Assert.Null(Minimal.Account.RothBasis);
        Assert.Null(Minimal.Account.RothFirstContributionYear);
        Assert.Equal(0, Minimal.Account.EmployerBalance);
    }

    [Fact]
    public void MinimalFile_ContributionAndEmployerDefaults_AreTheSeedsTypicalPlan()
    {
        Assert.Equal(new Contributions
        {
            DeferralRate = 0.06, RothShare = 0, EscalationStep = 0, EscalationCap = 0.10, RothAvailable = true,
        }, Minimal.Contributions);
        Assert.Equal([new MatchTier(0.5, 0.06)], Minimal.Employer.Match);
        Assert.Equal(0, Minimal.Employer.NonElective);
        Assert.Equal(VestingType.Immediate, Minimal.Employer.Vesting.Type);
        Assert.True(Minimal.Employer.SafeHarborVested);
    }

    [Fact]
    public void MinimalFile_FeeIs049Percent_AndAllocationIsAgeInBonds()
    {
        Assert.Equal(0.0049, Minimal.Fees.ExpenseRatio);
        Assert.Equal(AllocationType.AgeInBonds, Minimal.Allocation.Type);
        Assert.Equal(0, Minimal.Allocation.Offset);
        Assert.Equal(0, Minimal.Allocation.Cash);
        Assert.Equal(0, Minimal.Allocation.Reits);
    }

    [Fact]
    public void MinimalFile_ReturnDefaults_AreTheSpecsAndTheExamplesCorrelation()
    {
        var r = Minimal.Returns;
        Assert.Equal(ReturnModelKind.Lognormal, r.Model);
        Assert.Equal(new MeanStdev(0.10, 0.18), r.Stocks);
        Assert.Equal(new MeanStdev(0.055, 0.07), r.Bonds);
        Assert.Equal(new MeanStdev(0.02, 0.01), r.Cash);
        Assert.Equal(new MeanStdev(0.09, 0.21), r.Reits);
        Assert.Equal(new MeanStdev(0.025, 0.015), r.Inflation);
        Assert.Equal(5, r.DegreesOfFreedom);
        Assert.Equal(1, r.BlockLength);
        Assert.Null(r.History);
        Assert.Null(r.LimitIndexing);
        Assert.Equal(0.025, r.EffectiveLimitIndexing);
        Assert.Empty(r.Shocks);

        var example = ScenarioJson.Parse(File.ReadAllText(TestDataPath("scenario.example.json")), ClockYear).Scenario!;
        Assert.Equal(Flatten(example.Returns.Correlation), Flatten(r.Correlation));
    }

    [Fact]
    public void MinimalFile_WithdrawalDefaults_AreTheFourPercentRuleProRata()
    {
        Assert.Equal(new Withdrawals(), Minimal.Withdrawals);
        var strategy = Assert.IsType<FixedRealStrategy>(Minimal.Withdrawals.Strategy);
        Assert.Equal(0.04, strategy.InitialRate);
        Assert.Null(strategy.Amount);
        Assert.Equal(WithdrawalOrder.ProRata, Minimal.Withdrawals.Order);
        Assert.Null(Minimal.Withdrawals.InService);
    }

    [Fact]
    public void MinimalFile_TaxDefaults_AreFlat22PercentSingle_AndNoLoans()
    {
        Assert.Equal(TaxMethod.Flat, Minimal.Taxes.Method);
        Assert.Equal(0.22, Minimal.Taxes.Rate);
        Assert.Equal(FilingStatus.Single, Minimal.Taxes.FilingStatus);
        Assert.Equal(0, Minimal.Taxes.OtherIncome);
        Assert.Empty(Minimal.Taxes.Exceptions);
        Assert.Empty(Minimal.Loans);
    }

    [Fact]
    public void MinimalFile_WithoutName_TakesTheDefaultNameOrTheCallersFileName()
    {
        Assert.Equal("scenario", Minimal.Name);
        Assert.Equal("my-plan", ScenarioJson.Parse(MinimalJson, ClockYear, "my-plan").Scenario!.Name);
        Assert.Equal("scenario", ScenarioJson.Parse(MinimalJson, ClockYear, "my plan").Scenario!.Name);
    }

    [Fact]
    public void PartialMeanStdev_KeepsTheDefaultOfTheFieldLeftOut()
    {
        var s = Valid("""{ "participant": { "birthYear": 1991 }, "returns": { "assets": { "stocks": { "mean": 0.08 } } } }""");

        Assert.Equal(new MeanStdev(0.08, 0.18), s.Returns.Stocks);
        Assert.Equal(Sim.Engine.Scenarios.Returns.DefaultBonds, s.Returns.Bonds);
    }

    [Fact]
    public void ExplicitNull_ForAnOptionalValue_MeansNotGiven()
    {
        var s = Valid("""
            { "participant": { "birthYear": 1991, "spouse": null },
              "account": { "rothBalance": 5000, "rothBasis": null },
              "returns": { "limitIndexing": null, "history": null },
              "withdrawals": { "inService": null, "amount": null } }
            """);

        Assert.Null(s.Participant.Spouse);
        Assert.Null(s.Account.RothBasis);
        Assert.Null(s.Returns.LimitIndexing);
        Assert.Null(s.Withdrawals.InService);
    }

    private static double[] Flatten(IReadOnlyList<IReadOnlyList<double>> m) => [.. m.SelectMany(row => row)];
}
