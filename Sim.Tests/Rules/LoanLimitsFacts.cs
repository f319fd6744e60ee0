using Sim.Engine.Rules;

namespace Sim.Tests.Rules;

public class LoanLimitsFacts
{
    [Theory]
    [InlineData(80_000, false, 40_000)]
    [InlineData(120_000, false, 50_000)]
    [InlineData(100_000, false, 50_000)]
    [InlineData(15_000, false, 7_500)]
    [InlineData(15_000, true, 10_000)]
    [InlineData(30_000, true, 15_000)]
    [InlineData(8_000, true, 8_000)] // the floor cannot lend more than the vested balance
    [InlineData(0, false, 0)]
    public void MaxLoan_IsLesserOf50000AndHalfTheVestedBalance(double vested, bool floor, double expected) =>
        Assert.Equal(expected, LoanLimits.MaxLoan(vested, 0, floor));

    [Theory]
    [InlineData(120_000, 20_000, 30_000)]
    [InlineData(60_000, 30_000, 20_000)]
    [InlineData(200_000, 50_000, 0)]
    [InlineData(200_000, 70_000, 0)] // never negative
    public void MaxLoan_LookBack_ReducesThe50000(double vested, double highest, double expected) =>
        Assert.Equal(expected, LoanLimits.MaxLoan(vested, highest, false));

    [Fact]
    public void MaxLoan_WithAnOutstandingLoan_LimitsAllLoansTogether()
    {
        // Outstanding 10,000, highest 15,000 in the last 12 months, vested 100,000: 50,000 − 15,000 = 35,000 by the
        // dollar cap; 50,000 − 10,000 = 40,000 by the 50% cap.
        Assert.Equal(35_000, LoanLimits.MaxLoan(100_000, 15_000, 10_000, false));
        // Vested 40,000: 20,000 − 10,000 = 10,000.
        Assert.Equal(10_000, LoanLimits.MaxLoan(40_000, 15_000, 10_000, false));
    }

    [Fact]
    public void LevelAnnualPayment_IsTheAnnuityPayment()
    {
        // 10,000 at 8% over 5 years: 10,000 · 0.08 / (1 − 1.08^−5) = 2,504.5645...
        Assert.Equal(2_504.564545668364, LoanLimits.LevelAnnualPayment(10_000, 0.08, 5), 9);
        Assert.Equal(3_252.571754013828, LoanLimits.LevelAnnualPayment(50_000, 0.05, 30), 9);
    }

    [Fact]
    public void LevelAnnualPayment_RepaysThePrincipalExactly()
    {
        double payment = LoanLimits.LevelAnnualPayment(30_000, 0.07, 5);
        double balance = 30_000;
        for (int year = 0; year < 5; year++)
        {
            balance = balance * 1.07 - payment;
        }

        Assert.Equal(0, balance, 8);
    }

    [Fact]
    public void LevelAnnualPayment_AtZeroRate_IsPrincipalOverYears() =>
        Assert.Equal(2_000, LoanLimits.LevelAnnualPayment(10_000, 0.0, 5));

    [Theory]
    [InlineData(false, 5)]
    [InlineData(true, 30)]
    public void MaxTermYears_IsFiveUnlessResidence(bool residence, int expected) =>
        Assert.Equal(expected, LoanLimits.MaxTermYears(residence));
}
