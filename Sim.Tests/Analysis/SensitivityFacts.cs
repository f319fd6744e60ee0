using Sim.Engine.Analysis;
using Xunit.Abstractions;
using static Sim.Tests.Analysis.AnalysisScenarios;

namespace Sim.Tests.Analysis;

public class SensitivityFacts(ITestOutputHelper output)
{
    [Fact]
    public void OnBaseline_RetiringAYearLater_AndSpending10PercentLess_EachRaiseSuccess_AndTheTornadoIsSorted()
    {
        var s = Shipped("baseline");
        var r = Sensitivity.Run(s, Options(2000));
        foreach (var row in r.Rows)
        {
            output.WriteLine($"{row.Input} ({row.Field}) {row.Low}..{row.High}: success {row.AtLow.Success:0.0000}..{row.AtHigh.Success:0.0000}, swing {row.Swing:0.0000}");
        }

        var age = r.Rows.Single(x => x.Input == "participant.retirementAge");
        Assert.Equal((64, 66), (age.Low, age.High));
        Assert.True(age.AtHigh.Success > r.Base.Success, $"retiring at 66: {age.AtHigh.Success} vs {r.Base.Success}");

        var spending = r.Rows.Single(x => x.Input == "withdrawals.spending");
        Assert.Equal("withdrawals.initialRate", spending.Field);
        Assert.Equal(0.036, spending.Low, 12);
        Assert.True(spending.AtLow.Success > r.Base.Success, $"spending 10% less: {spending.AtLow.Success} vs {r.Base.Success}");

        Assert.Equal(5, r.Rows.Count); // every input of the standard list applies to baseline
        Assert.Empty(r.Skipped);
        for (int i = 1; i < r.Rows.Count; i++)
        {
            Assert.True(r.Rows[i - 1].Swing >= r.Rows[i].Swing);
        }

        // The run as given is an ordinary run.
        Assert.Equal(Success(s, 2000, 1), r.Base.Success);
    }

    [Fact]
    public void InputsThatDoNotApply_AreSkipped_AndNamed()
    {
        var s = Shipped("baseline");
        s = s with
        {
            Participant = s.Participant with { BirthYear = 1956 }, // 70 in 2026: already retired
            Returns = s.Returns with { Model = Sim.Engine.Scenarios.ReturnModelKind.Bootstrap },
        };
        var r = Sensitivity.Run(s, Options(100));
        Assert.Equal(["contributions.deferralRate", "participant.retirementAge", "returns.stocks.mean"], r.Skipped);
        Assert.Equal(["fees.expenseRatio", "withdrawals.spending"], r.Rows.Select(x => x.Input).Order(StringComparer.Ordinal));
    }
}
