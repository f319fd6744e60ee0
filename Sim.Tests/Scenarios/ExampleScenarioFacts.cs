using Sim.Engine.Scenarios;
using static Sim.Tests.Scenarios.ScenarioTestSupport;

namespace Sim.Tests.Scenarios;

/// <summary>
/// The spec's complete example parses to the values it spells out. TestData/scenario.example.json is a byte-for-byte
/// copy of ../shared/spec/scenario.example.json (the model contract's example, every field present).
/// </summary>
public class ExampleScenarioFacts
{
    private static readonly ScenarioParseResult Result =
        ScenarioJson.Parse(File.ReadAllText(TestDataPath("scenario.example.json")), 1999);

    private static Scenario Example => Result.Scenario!;

    [Fact]
    public void Example_IsValidWithoutWarnings()
    {
        Assert.True(Result.IsValid, string.Join(Environment.NewLine, Result.Errors));
        Assert.Empty(Result.Warnings);
    }

    [Fact]
    public void Example_NameAndSimulation()
    {
        Assert.Equal("example-full", Example.Name);
        Assert.StartsWith("Every field, with its default", Example.Description);
        Assert.Equal(new SimulationSettings { Paths = 10000, Seed = 1, StartYear = 2026, Percentiles = Example.Simulation.Percentiles },
            Example.Simulation);
        Assert.Equal([5, 10, 25, 50, 75, 90, 95], Example.Simulation.Percentiles);
    }

    [Fact]
    public void Example_Participant_WithSpouse()
    {
        Assert.Equal(new Participant
        {
            BirthYear = 1991, RetirementAge = 65, EndAge = 95, Salary = 85000, SalaryGrowth = 0.03, YearsOfService = 2,
            FivePercentOwner = false, Disability = false, Spouse = new Spouse { BirthYear = 1993, SoleBeneficiary = true },
        }, Example.Participant);
        Assert.Equal(35, Example.AgeIn(2026));
        Assert.Equal(2086, Example.LastYear);
        Assert.Equal(61, Example.Years);
    }

    [Fact]
    public void Example_AccountAndContributions()
    {
        Assert.Equal(new Account
        {
            PretaxBalance = 60000, RothBalance = 10000, RothBasis = 8000, RothFirstContributionYear = 2021, EmployerBalance = 15000,
        }, Example.Account);
        Assert.Equal(new Contributions(), Example.Contributions);
    }

    [Fact]
    public void Example_Employer_GradedVesting()
    {
        Assert.Equal([new MatchTier(0.5, 0.06)], Example.Employer.Match);
        Assert.Equal(0, Example.Employer.NonElective);
        Assert.Equal(VestingType.Graded, Example.Employer.Vesting.Type);
        Assert.Equal([0.0, 0.0, 0.2, 0.4, 0.6, 0.8, 1.0], Example.Employer.Vesting.Schedule);
        Assert.True(Example.Employer.SafeHarborVested);
    }

    [Fact]
    public void Example_FeesAndAllocation()
    {
        Assert.Equal(0.0049, Example.Fees.ExpenseRatio);
        Assert.Equal(AllocationType.AgeInBonds, Example.Allocation.Type);
        Assert.Equal(0, Example.Allocation.Offset);
    }

    [Fact]
    public void Example_Returns()
    {
        var r = Example.Returns;
        Assert.Equal(ReturnModelKind.Lognormal, r.Model);
        Assert.Equal(new MeanStdev(0.10, 0.18), r.Stocks);
        Assert.Equal(new MeanStdev(0.055, 0.07), r.Bonds);
        Assert.Equal(new MeanStdev(0.02, 0.01), r.Cash);
        Assert.Equal(new MeanStdev(0.09, 0.21), r.Reits);
        Assert.Equal(new MeanStdev(0.025, 0.015), r.Inflation);
        Assert.Equal([1.00, 0.10, 0.00, 0.60, -0.05], r.Correlation[0]);
        Assert.Equal([-0.05, -0.20, 0.50, 0.05, 1.00], r.Correlation[4]);
        Assert.Equal(5, r.DegreesOfFreedom);
        Assert.Equal(1, r.BlockLength);
        Assert.Equal(0.025, r.LimitIndexing);
        Assert.Empty(r.Shocks);
    }

    [Fact]
    public void Example_WithdrawalsLoansTaxes()
    {
        Assert.Equal(new Withdrawals(), Example.Withdrawals);
        Assert.Empty(Example.Loans);
        Assert.Equal(TaxMethod.Flat, Example.Taxes.Method);
        Assert.Equal(0.22, Example.Taxes.Rate);
        Assert.Empty(Example.Taxes.Exceptions);
    }

    [Fact]
    public void Example_CopyInTestData_MatchesTheSpecWhenTheSpecIsBesideTheRepository()
    {
        var spec = Path.Combine(RepositoryRoot(), "..", "shared", "spec", "scenario.example.json");
        if (File.Exists(spec))
        {
            Assert.Equal(File.ReadAllText(spec), File.ReadAllText(TestDataPath("scenario.example.json")));
        }
    }
}
