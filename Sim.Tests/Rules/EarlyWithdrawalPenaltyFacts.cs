using Sim.Engine.Rules;

namespace Sim.Tests.Rules;

public class EarlyWithdrawalPenaltyFacts
{
    [Fact]
    public void Rate_IsTenPercent() => Assert.Equal(0.10, EarlyWithdrawalPenalty.Rate);

    [Theory]
    [InlineData(55)]
    [InlineData(56)]
    [InlineData(59)]
    public void RuleOf55_SeparationInTheYearOf55_NoPenaltyInLaterYears(int age) =>
        Assert.False(EarlyWithdrawalPenalty.Applies(age, retirementAge: 55, separated: true, disability: false, sepp: false));

    [Theory]
    [InlineData(54, true)]
    [InlineData(55, true)]
    [InlineData(58, true)]
    [InlineData(59, true)] // 59 attained in the year: 59½ only on July 1, after the January 1 withdrawal
    [InlineData(60, false)]
    [InlineData(70, false)]
    public void SeparationInTheYearOf54_PenaltyUntil60(int age, bool expected) =>
        Assert.Equal(expected, EarlyWithdrawalPenalty.Applies(age, retirementAge: 54, separated: true, disability: false, sepp: false));

    [Theory]
    [InlineData(57, true)]
    [InlineData(60, false)]
    public void InServiceWithdrawals_ArePenalisedBefore60_EvenWithARetirementAgeAbove55(int age, bool expected) =>
        Assert.Equal(expected, EarlyWithdrawalPenalty.Applies(age, retirementAge: 65, separated: false, disability: false, sepp: false));

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void DisabilityOrSepp_ExemptEveryYear(bool disability, bool sepp) =>
        Assert.False(EarlyWithdrawalPenalty.Applies(40, retirementAge: 40, separated: true, disability, sepp));

    [Theory]
    [InlineData(56, true)]
    [InlineData(59, true)] // 58½ on January 1
    [InlineData(60, false)] // 59½ reached by January 1
    public void Ira_HasNoRuleOf55_SoSeparatingAt56ThenRollingOverPaysUntil60(int age, bool expected)
    {
        Assert.Equal(expected, EarlyWithdrawalPenalty.AppliesToIra(age, disability: false, sepp: false));
        Assert.False(EarlyWithdrawalPenalty.Applies(age, retirementAge: 56, separated: true, disability: false, sepp: false));
    }

    [Fact]
    public void Ira_KeepsTheDisabilityAndSeppExceptions()
    {
        Assert.False(EarlyWithdrawalPenalty.AppliesToIra(50, disability: true, sepp: false));
        Assert.False(EarlyWithdrawalPenalty.AppliesToIra(50, disability: false, sepp: true));
    }
}
