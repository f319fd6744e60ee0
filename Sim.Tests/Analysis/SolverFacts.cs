using Sim.Engine.Analysis;
using static Sim.Tests.Analysis.AnalysisScenarios;

namespace Sim.Tests.Analysis;

public class SolverFacts
{
    private static SolveField Field(string name) => SolveFields.Find(name) ?? throw new InvalidOperationException(name);

    [Fact]
    public void ZeroVolatility_Amount_IsTheLargestThatSucceeds_AndOneDollarMoreFails()
    {
        var s = ZeroVolatilityRetiree();
        var r = Solver.Solve(s, Field("withdrawals.amount"), SolveTarget.Default, Options(16, 5));

        Assert.Equal(SolveOutcome.Found, r.Outcome);
        double amount = r.Value!.Value;
        Assert.Equal(Math.Round(amount), amount);
        Assert.Equal(amount + 1, r.Beyond);
        // Checked by running both with the plain engine.
        Assert.Equal(1.0, Success(s with { Withdrawals = s.Withdrawals.WithAmount(amount) }, 16, 5));
        Assert.Equal(0.0, Success(s with { Withdrawals = s.Withdrawals.WithAmount(amount + 1) }, 16, 5));
        Assert.Equal(1.0, r.Achieved);
        Assert.Equal(0.0, r.StandardError);
        // $400,000 at 25 years of a real withdrawal: between 4% and 8% of the balance.
        Assert.InRange(amount, 16_000, 32_000);
        Assert.All(r.Trials, t => Assert.Equal(t.Meets, t.Value <= amount));
    }

    [Fact]
    public void ZeroVolatility_RetirementAge_IsTheEarliestThatSucceeds()
    {
        // $40,000 a year from $400,000 at 65 runs out; working longer (salary, deferrals, match) gets there.
        var s = ZeroVolatilityRetiree(retirementAge: 70, amount: 40_000) with { Simulation = new() { Paths = 16, Seed = 5, StartYear = 2026 } };
        s = s with { Participant = s.Participant with { BirthYear = 1966 } }; // 60 in 2026: ages 60..90 possible
        var r = Solver.Solve(s, Field("participant.retirementAge"), SolveTarget.Default, Options(16, 5));

        Assert.Equal(SolveOutcome.Found, r.Outcome);
        int age = (int)r.Value!.Value;
        Assert.Equal(1.0, Success(s with { Participant = s.Participant with { RetirementAge = age } }, 16, 5));
        Assert.Equal(0.0, Success(s with { Participant = s.Participant with { RetirementAge = age - 1 } }, 16, 5));
        Assert.Equal(age - 1, r.Beyond);
        Assert.InRange(age, 61, 80);
    }

    [Fact]
    public void Random_TheAnswerMeetsTheTarget_AndOneStepBeyondDoesNot_SameSeed()
    {
        var s = Shipped("baseline");
        var r = Solver.Solve(s, Field("withdrawals.amount"), SolveTarget.Default, Options(2000, 1));

        Assert.Equal(SolveOutcome.Found, r.Outcome);
        double amount = r.Value!.Value;
        double at = Success(s with { Withdrawals = s.Withdrawals.WithAmount(amount) }, 2000, 1);
        double beyond = Success(s with { Withdrawals = s.Withdrawals.WithAmount(amount + 1) }, 2000, 1);
        Assert.True(at >= 0.9, $"success at {amount} is {at}");
        Assert.True(beyond < 0.9, $"success at {amount + 1} is {beyond}");
        Assert.Equal(at, r.Achieved);
        Assert.Equal(Math.Sqrt(at * (1 - at) / 2000), r.StandardError, 15);
    }

    [Fact]
    public void Random_DeferralRate_IsTheSmallestThatMeetsTheTarget_ToOneHundredthOfAPoint()
    {
        // A fixed amount: with the 4% rule spending grows with the balance, so saving more does not raise success.
        var s = Shipped("baseline");
        s = s with { Withdrawals = s.Withdrawals.WithAmount(25_000) };
        var r = Solver.Solve(s, Field("contributions.deferralRate"), SolveTarget.Default, Options(1000, 1));

        Assert.Equal(SolveOutcome.Found, r.Outcome);
        double d = r.Value!.Value;
        Assert.Equal(Math.Round(d, 4), d);
        Assert.True(Success(s with { Contributions = s.Contributions with { DeferralRate = d } }, 1000, 1) >= 0.9);
        Assert.True(Success(s with { Contributions = s.Contributions with { DeferralRate = Math.Round(d - 0.0001, 4) } }, 1000, 1) < 0.9);
    }

    [Fact]
    public void TerminalRealTarget_TheAnswerHasAMedianAtLeastTheTarget_AndOneStepBeyondHasLess()
    {
        var s = Shipped("baseline");
        var target = new SolveTarget(TargetKind.TerminalReal, 250_000);
        var r = Solver.Solve(s, Field("withdrawals.amount"), target, Options(1000, 1));

        Assert.Equal(SolveOutcome.Found, r.Outcome);
        Assert.True(r.Achieved >= 250_000);
        var beyond = r.Trials.Single(t => t.Value == r.Value + 1);
        Assert.True(beyond.MedianTerminalReal < 250_000);
    }

    [Fact]
    public void ATargetNoValueMeets_IsAClearAnswer_NotAnError()
    {
        // Even the highest deferral cannot reach a $100 million median.
        var s = Shipped("baseline");
        var r = Solver.Solve(s, Field("contributions.deferralRate"), new SolveTarget(TargetKind.TerminalReal, 100_000_000),
            Options(200, 1));

        Assert.Equal(SolveOutcome.NoValueMeets, r.Outcome);
        Assert.Null(r.Value);
        Assert.Contains(r.Trials, t => t.Value == 1.0);
        Assert.All(r.Trials, t => Assert.False(t.Meets));
    }

    [Fact]
    public void AFieldThatDoesNotApply_SaysWhy()
    {
        var s = Shipped("baseline") with { Withdrawals = new Sim.Engine.Scenarios.Withdrawals { Strategy = new Sim.Engine.Scenarios.FixedRealStrategy { Amount = 50_000 } } };
        var e = Assert.Throws<ArgumentException>(() =>
            Solver.Solve(s, Field("withdrawals.initialRate"), SolveTarget.Default, Options(100)));
        Assert.Contains("amount is set", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("success=0.9", TargetKind.Success, 0.9)]
    [InlineData("success=1", TargetKind.Success, 1.0)]
    [InlineData("terminalReal=500000", TargetKind.TerminalReal, 500_000)]
    public void Targets_Parse(string text, TargetKind kind, double value)
    {
        var t = SolveTarget.TryParse(text, out var error);
        Assert.Null(error);
        Assert.Equal(new SolveTarget(kind, value), t);
    }

    [Theory]
    [InlineData("success=1.5", "at most 1")]
    [InlineData("success=0", "above 0")]
    [InlineData("terminalReal=-1", "X >= 0")]
    [InlineData("median=3", "not a target")]
    public void BadTargets_SayWhatIsAllowed(string text, string expected)
    {
        Assert.Null(SolveTarget.TryParse(text, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}

public class ClaimAgeFieldFacts
{
    private static Sim.Engine.Scenarios.Scenario WithSocialSecurity(Sim.Engine.Scenarios.Scenario s, double claimAge) => s with
    {
        Income = [new Sim.Engine.Scenarios.SocialSecurityIncome { Pia = 2_000, ClaimAgeMonths = (int)Math.Round(claimAge * 12) }],
    };

    [Fact]
    public void ClaimAge_IsFoundByName_ForEachSocialSecurityStream_OnAGridOfMonths()
    {
        var f = SolveFields.Find("income[0].claimAge");
        Assert.NotNull(f);
        Assert.Equal(1.0 / 12, f.Resolution);
        Assert.Equal(Best.Smallest, f.Best);
        Assert.Null(SolveFields.Find("income[x].claimAge"));
        Assert.Contains("income[i].claimAge", SolveFields.Names);

        var s = WithSocialSecurity(AnalysisScenarios.Shipped("baseline"), 67);
        Assert.Null(f.NotApplicable(s));
        Assert.Equal(67, f.Current(s));
        Assert.Equal(66 * 12 + 2, ((Sim.Engine.Scenarios.SocialSecurityIncome)f.Set(s, 66 + (2.0 / 12)).Income[0]).ClaimAgeMonths);
        Assert.Contains("not a Social Security stream", SolveFields.Find("income[1].claimAge")!.NotApplicable(s), StringComparison.Ordinal);
    }

    [Fact]
    public void ClaimAge_UnderAFlatTaxAndAFixedRealTarget_ChangesNoWithdrawal_SoTheEarliestAgeMeetsWhenTheScenarioDoes()
    {
        // fixedReal spends its target whatever the income, and a flat tax charges the withdrawal alone (spec 13), so
        // the claim age moves neither success nor the balance: every claim age meets a target the scenario meets.
        var s = WithSocialSecurity(AnalysisScenarios.Shipped("baseline"), 67);
        var r = Solver.Solve(s, SolveFields.Find("income[0].claimAge")!, new SolveTarget(TargetKind.Success, 0.8),
            AnalysisScenarios.Options(300));
        Assert.Equal(SolveOutcome.WholeRangeMeets, r.Outcome);
        Assert.Equal(62, r.Value);

        var sensitivity = Sensitivity.Run(s, AnalysisScenarios.Options(300));
        var row = Assert.Single(sensitivity.Rows, x => x.Input == "income[0].claimAge");
        Assert.Equal((66.0, 68.0), (row.Low, row.High));
        Assert.Equal(0, row.Swing);
    }
}

public class SpendingNeedFieldFacts
{
    [Fact]
    public void ZeroVolatility_Need_IsTheLargestThatSucceeds_AndOneDollarMoreFails_AndSocialSecurityRaisesIt()
    {
        var retiree = AnalysisScenarios.ZeroVolatilityRetiree();
        var s = retiree with { Withdrawals = retiree.Withdrawals with { Strategy = new Sim.Engine.Scenarios.SpendingNeedStrategy { Need = 20_000 } } };
        var field = SolveFields.Find("withdrawals.need")!;
        Assert.Null(field.NotApplicable(s));
        Assert.Equal(20_000, field.Current(s));
        Assert.Contains("has no need", SolveFields.Find("withdrawals.need")!.NotApplicable(retiree), StringComparison.Ordinal);

        var r = Solver.Solve(s, field, SolveTarget.Default, AnalysisScenarios.Options(16, 5));
        Assert.Equal(SolveOutcome.Found, r.Outcome);
        double need = r.Value!.Value;
        Assert.Equal(need + 1, r.Beyond);
        Assert.Equal(1.0, AnalysisScenarios.Success(field.Set(s, need), 16, 5));
        Assert.Equal(0.0, AnalysisScenarios.Success(field.Set(s, need + 1), 16, 5));

        // The need is net of income: a benefit paid from the first distribution year lets the household spend more.
        var withBenefit = s with
        {
            Income = [new Sim.Engine.Scenarios.SocialSecurityIncome { Pia = 1_000, ClaimAgeMonths = 62 * 12 }],
        };
        var r2 = Solver.Solve(withBenefit, field, SolveTarget.Default, AnalysisScenarios.Options(16, 5));
        Assert.Equal(SolveOutcome.Found, r2.Outcome);
        Assert.True(r2.Value > need, $"{r2.Value} with a benefit vs {need} without");
    }
}
