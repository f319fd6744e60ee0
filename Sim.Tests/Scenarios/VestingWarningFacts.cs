using Sim.Engine.Scenarios;
using Sim.Engine.Scenarios.Parsing;
using static Sim.Tests.Scenarios.ScenarioTestSupport;

namespace Sim.Tests.Scenarios;

/// <summary>Vesting slower than IRC 411(a)(2)(B) allows (3-year cliff, or 2-to-6-year graded) is a warning, not an
/// error: the file is still valid.</summary>
public class VestingWarningFacts
{
    [Theory]
    [InlineData("{ \"type\": \"cliff\", \"years\": 3 }", true)]
    [InlineData("{ \"type\": \"cliff\", \"years\": 4 }", false)]
    [InlineData("{ \"type\": \"graded\", \"schedule\": [0, 0, 0.2, 0.4, 0.6, 0.8, 1] }", true)]
    [InlineData("{ \"type\": \"graded\", \"schedule\": [0, 0.2, 0.4, 0.6, 0.8, 1] }", true)]
    [InlineData("{ \"type\": \"graded\", \"schedule\": [0, 0, 0, 1] }", true)]
    [InlineData("{ \"type\": \"graded\", \"schedule\": [0, 0, 0.1, 1] }", true)]
    [InlineData("{ \"type\": \"graded\", \"schedule\": [0, 0, 0.2, 0.4, 0.6, 0.8, 0.9, 1] }", false)]
    [InlineData("{ \"type\": \"graded\", \"schedule\": [0, 0, 0.2, 0.4, 0.6, 0.8] }", false)]
    [InlineData("{ \"type\": \"graded\", \"schedule\": [0, 0, 0.1, 0.4, 0.6, 0.8, 1] }", false)]
    [InlineData("{ \"type\": \"immediate\" }", true)]
    public void SlowerThanTheLegalMaximum_IsOnlyAWarning(string vesting, bool legal)
    {
        var r = ParseMinimalWith($"\"employer\": {{ \"vesting\": {vesting} }}");

        Assert.True(r.IsValid, string.Join(Environment.NewLine, r.Errors));
        Assert.Equal(legal, VestingRules.MeetsLegalMaximum(r.Scenario!.Employer.Vesting));
        if (legal)
        {
            Assert.Empty(r.Warnings);
        }
        else
        {
            Assert.StartsWith("$.employer.vesting: slower than the law allows", Assert.Single(r.Warnings).ToString());
        }
    }

    [Fact]
    public void FieldOfAnotherVestingType_IsAWarningThatItIsIgnored()
    {
        var r = ParseMinimalWith("\"employer\": { \"vesting\": { \"type\": \"graded\", \"years\": 3, \"schedule\": [0, 1] } }");

        Assert.True(r.IsValid);
        Assert.Equal("$.employer.vesting.years: ignored when type is graded (years is for cliff)",
            Assert.Single(r.Warnings).ToString());
    }

    [Fact]
    public void GradedSchedule_IsKeptAsWritten()
    {
        var s = Valid("""{ "participant": { "birthYear": 1991 }, "employer": { "vesting": { "type": "graded", "schedule": [0, 0.25, 0.5, 1] } } }""");

        Assert.Equal(new VestingSchedule { Type = VestingType.Graded, Schedule = s.Employer.Vesting.Schedule }, s.Employer.Vesting);
        Assert.Equal([0, 0.25, 0.5, 1], s.Employer.Vesting.Schedule);
    }
}
