using Sim.Engine.Rules;
using Sim.Engine.Scenarios;
using Sim.Engine.Simd;

namespace Sim.Tests.Rules;

/// <summary>
/// The exact after-tax gross-up with Social Security taxed under IRC 86: closed forms to the cent (2026 schedules,
/// IRS Publication 915 worksheet arithmetic by hand) and agreement with a root find of <see cref="HouseholdTax"/>'s
/// net over many random households, the "tax torpedo" zone included.
/// </summary>
public class HouseholdGrossUpFacts
{
    private static readonly TaxSchedule Single2026 = TaxSchedule.For(2026, FilingStatus.Single, 0.025);
    private static readonly TaxSchedule Mfj2026 = TaxSchedule.For(2026, FilingStatus.Mfj, 0.025);

    [Fact]
    public void Brackets_Mfj_InTheTorpedoZone_ClosedForm()
    {
        // SS 40,000, no other income, W = 40,000 all taxable. PI = 20,000 + 40,000 = 60,000 > 44,000: S = 0.85·16,000 +
        // min(20,000, 6,000) = 19,600. Gross 59,600, taxable 59,600 − 32,200 = 27,400: 10 % of 24,800 + 12 % of 2,600
        // = 2,792. Without the withdrawal PI = 20,000: nothing taxable. Net = 40,000 − 2,792 = 37,208.
        Assert.Equal(2_792.00, HouseholdTax.Brackets(Mfj2026, 0, 0, 40_000, 40_000).OnWithdrawal, 6);
        Assert.Equal(40_000.00, HouseholdGrossUp.Brackets(Mfj2026, 0, 0, 40_000, 37_208, 0, 1, 0), 6);
    }

    [Fact]
    public void Brackets_Single_WithPenaltyAndAProRataShare_ClosedForm()
    {
        // SS 24,000, W = 30,000 with u = 2,000 + 0.8·W = 26,000 taxable. PI = 12,000 + 26,000 = 38,000: S = 0.85·4,000 +
        // 4,500 = 7,900. Gross 33,900, taxable 17,800: 1,240 + 12 % of 5,400 = 1,888. Additional tax 10 % of 26,000 =
        // 2,600. Net = 30,000 − 1,888 − 2,600 = 25,512.
        Assert.Equal(30_000.00, HouseholdGrossUp.Brackets(Single2026, 0, 0, 24_000, 25_512, EarlyWithdrawalPenalty.Rate, 0.8, 2_000), 6);
    }

    [Fact]
    public void Brackets_Single_WhereEightyFivePercentOfBenefitsIsTaxable_ClosedForm()
    {
        // SS 30,000, W = 100,000: PI = 115,000, S = min(25,500, 0.85·81,000 + 4,500) = 25,500. Gross 125,500, taxable
        // 109,400: 1,240 + 4,560 + 22 % of 55,300 (12,166) + 24 % of 3,700 (888) = 18,854. Net 81,146.
        Assert.Equal(100_000.00, HouseholdGrossUp.Brackets(Single2026, 0, 0, 30_000, 81_146, 0, 1, 0), 6);
    }

    [Fact]
    public void Flat_ChargesTheRateOnTheBenefitsTheWithdrawalMakesTaxable_ClosedForm()
    {
        // Flat 22 %, SS 24,000, W 30,000: S(W) = 11,300, S(0) = 0 → tax 0.22 · 41,300 = 9,086, net 20,914.
        Assert.Equal(30_000.00, HouseholdGrossUp.Flat(0.22, FilingStatus.Single, 0, 24_000, 20_914, 0, 1, 0), 6);
        // With a pension of 10,000: PI without W = 22,000 ≤ 25,000, S(0) = 0; W = 10,000: PI = 32,000, S = ½·7,000 =
        // 3,500; tax 0.22 · 13,500 = 2,970, net 7,030.
        Assert.Equal(10_000.00, HouseholdGrossUp.Flat(0.22, FilingStatus.Single, 10_000, 24_000, 7_030, 0, 1, 0), 6);
    }

    [Fact]
    public void ANonPositiveNet_NeedsNothing()
    {
        Assert.Equal(0, HouseholdGrossUp.Brackets(Mfj2026, 10_000, 5_000, 30_000, 0, 0, 1, 0));
        Assert.Equal(0, HouseholdGrossUp.Flat(0.22, FilingStatus.Mfj, 5_000, 30_000, -5, 0.1, 0.5, 100));
    }

    [Fact]
    public void ANetThatCannotIncrease_IsRefused()
    {
        // 50 % flat on a dollar that also makes 85 cents of benefits taxable costs 92.5 cents, plus 10 %: net falls.
        Assert.False(HouseholdGrossUp.IsIncreasing(0.50, EarlyWithdrawalPenalty.Rate));
        Assert.True(HouseholdGrossUp.IsIncreasing(0.37, EarlyWithdrawalPenalty.Rate));
        Assert.Throws<ArgumentOutOfRangeException>(() => HouseholdGrossUp.Flat(0.5, FilingStatus.Single, 0, 20_000, 1_000, 0.1, 1, 0));
    }

    public static TheoryData<string, FilingStatus, double> RandomCases() => new()
    {
        { "brackets", FilingStatus.Single, 0.0 }, { "brackets", FilingStatus.Single, EarlyWithdrawalPenalty.Rate },
        { "brackets", FilingStatus.Mfj, 0.0 }, { "brackets", FilingStatus.Mfj, EarlyWithdrawalPenalty.Rate },
        { "flat", FilingStatus.Single, 0.0 }, { "flat", FilingStatus.Single, EarlyWithdrawalPenalty.Rate },
        { "flat", FilingStatus.Mfj, 0.0 }, { "flat", FilingStatus.Mfj, EarlyWithdrawalPenalty.Rate },
    };

    [Theory]
    [MemberData(nameof(RandomCases))]
    public void AgreesWithARootFindOfTheNet_OverRandomHouseholds(string method, FilingStatus status, double penalty)
    {
        var random = new System.Random(86 + (int)status + (penalty > 0 ? 10 : 0) + method.Length);
        int torpedo = 0;
        for (int n = 0; n < 4_000; n++)
        {
            // Incomes around the IRC 86 thresholds most of the time, anywhere up to high incomes sometimes.
            bool small = random.NextDouble() < 0.7;
            double ss = random.NextDouble() < 0.05 ? 0 : random.NextDouble() * (small ? 50_000 : 90_000);
            double other = random.NextDouble() < 0.3 ? 0 : random.NextDouble() * (small ? 40_000 : 400_000);
            double pensions = random.NextDouble() < 0.5 ? 0 : random.NextDouble() * (small ? 30_000 : 150_000);
            double share = random.NextDouble() < 0.3 ? 1 : random.NextDouble() < 0.05 ? 0 : random.NextDouble();
            double fixedTaxable = random.NextDouble() < 0.5 ? 0 : random.NextDouble() * 30_000;
            double net = random.NextDouble() * (small ? 80_000 : 600_000) + 0.01;
            var schedule = random.NextDouble() < 0.5 ? TaxSchedule.For(2026, status, 0.025) : TaxSchedule.For(2041, status, 0.031);
            double rate = 0.05 + random.NextDouble() * 0.35;

            double Net(double w)
            {
                double u = fixedTaxable + share * w;
                double tax = method == "flat"
                    ? HouseholdTax.Flat(rate, status, pensions, ss, u).OnWithdrawal
                    : HouseholdTax.Brackets(schedule, other, pensions, ss, u).OnWithdrawal;
                return w - tax - penalty * u;
            }

            double exact = method == "flat"
                ? HouseholdGrossUp.Flat(rate, status, pensions, ss, net, penalty, share, fixedTaxable)
                : HouseholdGrossUp.Brackets(schedule, other, pensions, ss, net, penalty, share, fixedTaxable);
            double expected = Bisect(Net, net);
            Assert.True(Math.Abs(exact - expected) <= 1e-9 * Math.Max(1, expected),
                $"case {n}: ss {ss} other {other} pensions {pensions} share {share} fixed {fixedTaxable} net {net}: {exact} vs {expected}");
            // And it is the answer: its net is the target (to the floating-point rounding of the net itself).
            if (expected > 0)
            {
                Assert.True(Math.Abs(Net(exact) - net) <= 1e-9 * Math.Max(1, net), $"case {n}: net {Net(exact)} vs {net}");
            }

            double pi = (method == "flat" ? 0 : other) + pensions + fixedTaxable + share * expected + ss / 2;
            double baseAmount = TaxableSocialSecurity.BaseAmount(status);
            torpedo += ss > 0 && share > 0 && pi > baseAmount && TaxableSocialSecurity.Amount(ss, pi - ss / 2, status) < 0.85 * ss ? 1 : 0;
        }

        // The sample does exercise the zone where each withdrawn dollar makes benefits taxable.
        Assert.True(torpedo > 400, $"{torpedo} cases in the torpedo zone");
    }

    [Fact]
    public void TheLaneFormsOfTheTaxRules_GiveTheScalarBits()
    {
        var random = new System.Random(7);
        for (int n = 0; n < 5_000; n++)
        {
            var status = n % 2 == 0 ? FilingStatus.Single : FilingStatus.Mfj;
            var schedule = n % 2 == 0 ? Single2026 : Mfj2026;
            double ss = n % 17 == 0 ? 0 : random.NextDouble() * 80_000;
            double other = random.NextDouble() * 60_000, pensions = random.NextDouble() * 40_000, w = random.NextDouble() * 150_000;
            Assert.Equal(TaxableSocialSecurity.Amount(ss, other, status), TaxableSocialSecurity.Amount<Lanes1, double, ulong>(ss, other, status));
            Assert.Equal(HouseholdTax.Brackets(schedule, other, pensions, ss, w),
                HouseholdTax.Brackets<Lanes1, double, ulong>(schedule.Arrays, status, other, pensions, ss, w));
            Assert.Equal(HouseholdTax.Flat(0.22, status, pensions, ss, w), HouseholdTax.Flat<Lanes1, double, ulong>(0.22, status, pensions, ss, w));
        }
    }

    /// <summary>The smallest w ≥ 0 with net(w) ≥ target, by bisection to the last representable step.</summary>
    private static double Bisect(Func<double, double> net, double target)
    {
        if (net(0) >= target)
        {
            return 0;
        }

        double lo = 0, hi = Math.Max(1, target);
        while (net(hi) < target)
        {
            lo = hi;
            hi *= 2;
        }

        for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (net(mid) < target)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return 0.5 * (lo + hi);
    }
}
