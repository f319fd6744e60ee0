using Sim.Engine.Rules;
using Sim.Engine.Scenarios;

namespace Sim.Tests.Rules;

public class TaxScheduleFacts
{
    private static readonly TaxSchedule Single2026 = TaxSchedule.For(2026, FilingStatus.Single, 0.025);
    private static readonly TaxSchedule Mfj2026 = TaxSchedule.For(2026, FilingStatus.Mfj, 0.025);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(12_400, 1_240)]
    [InlineData(50_400, 5_800)]
    [InlineData(105_700, 17_966)]
    [InlineData(201_775, 41_024)]
    [InlineData(256_225, 58_448)]
    [InlineData(640_600, 192_979.25)]
    public void Tax2026Single_AtTheTopOfEachBracket_IsExact(double taxable, double expected)
    {
        Assert.Equal(expected, Single2026.TaxOnTaxableIncome(taxable));
        Assert.Equal(expected, Single2026.TaxOnGrossIncome(taxable + 16_100));
    }

    [Fact]
    public void Tax2026Single_BracketTops_AreTheCsvThresholds() =>
        Assert.Equal(
            [0, 12_400, 50_400, 105_700, 201_775, 256_225, 640_600],
            Single2026.Brackets.Select(b => b.Over).ToArray());

    [Fact]
    public void Tax2026Single_Rates_AreTheSevenStatutoryRates() =>
        Assert.Equal([0.10, 0.12, 0.22, 0.24, 0.32, 0.35, 0.37], Single2026.Brackets.Select(b => b.Rate).ToArray());

    [Theory]
    [InlineData(24_800, 2_480)]
    [InlineData(100_800, 11_600)]
    [InlineData(211_400, 35_932)]
    [InlineData(403_550, 82_048)]
    [InlineData(512_450, 116_896)]
    [InlineData(768_700, 206_583.50)]
    public void Tax2026Mfj_AtTheTopOfEachBracket_IsExact(double taxable, double expected)
    {
        Assert.Equal(expected, Mfj2026.TaxOnTaxableIncome(taxable));
        Assert.Equal(expected, Mfj2026.TaxOnGrossIncome(taxable + 32_200));
    }

    [Theory]
    [InlineData(12_400)]
    [InlineData(80_000)]
    [InlineData(256_225)]
    public void Tax2026Mfj_IsTwiceSingle_AtTwiceTheIncome_BelowThe35PercentBracket(double taxable) =>
        Assert.Equal(2 * Single2026.TaxOnTaxableIncome(taxable), Mfj2026.TaxOnTaxableIncome(2 * taxable), 9);

    [Theory]
    [InlineData(11_925, 1_192.50)]
    [InlineData(48_475, 5_578.50)]
    [InlineData(103_350, 17_651)]
    [InlineData(197_300, 40_199)]
    [InlineData(250_525, 57_231)]
    [InlineData(626_350, 188_769.75)]
    public void Tax2025Single_AtTheTopOfEachBracket_MatchesRevProc2024_40(double taxable, double expected) =>
        Assert.Equal(expected, TaxSchedule.For(2025, FilingStatus.Single, 0).TaxOnTaxableIncome(taxable));

    [Theory]
    [InlineData(2025, FilingStatus.Single, 15_750)]
    [InlineData(2025, FilingStatus.Mfj, 31_500)]
    [InlineData(2026, FilingStatus.Single, 16_100)]
    [InlineData(2026, FilingStatus.Mfj, 32_200)]
    [InlineData(2022, FilingStatus.Single, 15_750)] // years before 2025 use 2025
    public void StandardDeduction_IsThePublishedAmount(int year, FilingStatus status, double expected) =>
        Assert.Equal(expected, TaxSchedule.For(year, status, 0.025).StandardDeduction);

    [Fact]
    public void YearsBefore2025_UseThe2025Schedule() =>
        Assert.Equal(
            TaxSchedule.For(2025, FilingStatus.Single, 0).TaxOnGrossIncome(90_000),
            TaxSchedule.For(2023, FilingStatus.Single, 0).TaxOnGrossIncome(90_000));

    [Fact]
    public void After2026_ThresholdsAndDeduction_AreIndexedWithoutRounding()
    {
        TaxSchedule s = TaxSchedule.For(2028, FilingStatus.Single, 0.03);
        double f = 1.03 * 1.03;

        Assert.Equal(16_100 * f, s.StandardDeduction, 9);
        Assert.Equal(640_600 * f, s.Brackets[6].Over, 9);
        Assert.Equal(192_979.25 * f, s.TaxOnTaxableIncome(640_600 * f), 6);
        Assert.Equal(0.37, s.Brackets[6].Rate);
    }

    [Fact]
    public void TaxOnGrossIncome_IsZero_UpToTheStandardDeduction()
    {
        Assert.Equal(0, Single2026.TaxOnGrossIncome(16_100));
        Assert.Equal(0, Single2026.TaxOnGrossIncome(-5));
        Assert.Equal(0.10, Single2026.TaxOnGrossIncome(16_101), 12);
    }

    [Fact]
    public void IncrementalTax_IsTheTaxOnTopOfOtherIncome()
    {
        // Other income 40,000 (taxable 23,900, in the 12% bracket); +10,000 stays in 12%.
        Assert.Equal(1_200, Single2026.IncrementalTax(40_000, 10_000), 9);
        // +40,000 crosses 66,500 gross (50,400 taxable): 26,500 at 12% + 13,500 at 22%.
        Assert.Equal(26_500 * 0.12 + 13_500 * 0.22, Single2026.IncrementalTax(40_000, 40_000), 9);
    }

    [Fact]
    public void Arrays_DescribeTheSameScheduleInGrossTerms()
    {
        TaxScheduleArrays a = Single2026.Arrays;

        Assert.Equal(7, a.Count);
        Assert.Equal(16_100, a.GrossThresholds[0]);
        Assert.Equal(16_100 + 640_600, a.GrossThresholds[6]);
        Assert.Equal(192_979.25, a.CumulativeTax[6]);
        Assert.Equal(0.37, a.Rates[6]);
        foreach (double x in new[] { 0, 16_100, 20_000, 66_500, 123_456.78, 900_000 })
        {
            double expected = Single2026.TaxOnGrossIncome(x);
            double viaArrays = 0;
            for (int k = a.Count - 1; k >= 0; k--)
            {
                if (a.GrossThresholds[k] <= x)
                {
                    viaArrays = a.CumulativeTax[k] + a.Rates[k] * (x - a.GrossThresholds[k]);
                    break;
                }
            }

            Assert.Equal(expected, viaArrays);
        }
    }

    [Fact]
    public void MarginalRate_IsZeroBelowTheDeduction_AndTheUpperRateAtAThreshold()
    {
        Assert.Equal(0, Single2026.MarginalRate(10_000));
        Assert.Equal(0.10, Single2026.MarginalRate(16_100));
        Assert.Equal(0.22, Single2026.MarginalRate(66_500));
        Assert.Equal(0.37, Single2026.MarginalRate(2_000_000));
    }

    [Fact]
    public void GrossUp_ClosedForm_InTheTenPercentBracket()
    {
        // w − 0.10·(w − 16,100) = 20,000 → w = 18,390 / 0.9.
        Assert.Equal(18_390 / 0.9, Single2026.GrossUp(0, 20_000, 0), 9);
        // With the 10% penalty on the whole withdrawal: 0.8·w = 18,390.
        Assert.Equal(22_987.5, Single2026.GrossUp(0, 20_000, EarlyWithdrawalPenalty.Rate), 9);
        // Below the deduction nothing is taxed.
        Assert.Equal(10_000, Single2026.GrossUp(0, 10_000, 0), 9);
    }

    [Fact]
    public void GrossUp_IsZero_ForANonPositiveNet()
    {
        Assert.Equal(0, Single2026.GrossUp(50_000, 0, 0));
        Assert.Equal(0, Single2026.GrossUp(50_000, -10, 0.1));
    }

    public static TheoryData<FilingStatus, double, double> GrossUpCases()
    {
        var data = new TheoryData<FilingStatus, double, double>();
        foreach (FilingStatus status in new[] { FilingStatus.Single, FilingStatus.Mfj })
        {
            foreach (double other in new[] { 0.0, 10_000, 16_100, 32_200, 50_000, 123_456.78, 700_000 })
            {
                foreach (double penalty in new[] { 0.0, EarlyWithdrawalPenalty.Rate })
                {
                    data.Add(status, other, penalty);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GrossUpCases))]
    public void GrossUp_InvertsIncrementalTaxExactly_AcrossNetsAndBracketBoundaries(FilingStatus status, double other, double penalty)
    {
        TaxSchedule s = TaxSchedule.For(2026, status, 0.025);
        var nets = new List<double> { 0.01, 1, 999.99, 5_000, 12_345.67, 40_000, 80_000, 150_000, 333_333.33, 1_000_000, 1_500_000 };

        // Nets whose gross lands exactly on every bracket boundary above the other income.
        foreach (double g in s.Arrays.GrossThresholds)
        {
            double w = g - other;
            if (w > 0)
            {
                nets.Add(w - s.IncrementalTax(other, w) - penalty * w);
                nets.Add(w + 0.005 - s.IncrementalTax(other, w + 0.005) - penalty * (w + 0.005));
            }
        }

        foreach (double net in nets)
        {
            double gross = s.GrossUp(other, net, penalty);
            double back = gross - s.IncrementalTax(other, gross) - penalty * gross;
            Assert.True(Math.Abs(back - net) <= 1e-9, $"other {other}, net {net}: gross {gross} gives {back}");
        }
    }

    [Fact]
    public void GrossUp_LandsOnTheBracketBoundary_WhenTheNetIsTheBoundaryNet()
    {
        // Gross 66,500 with no other income is exactly the top of the 12% bracket: tax 5,800.
        double gross = Single2026.GrossUp(0, 66_500 - 5_800, 0);
        Assert.Equal(66_500, gross, 9);
    }

    [Fact]
    public void GrossUp_General_HandlesAFixedTaxablePartAndAShare()
    {
        // taxable(w) = 10,000 + 0.5·w, e.g. a 10,000 RMD plus a pro-rata remainder half pre-tax.
        foreach (double net in new[] { 5_000.0, 30_000, 90_000, 400_000 })
        {
            foreach (double penalty in new[] { 0.0, 0.1 })
            {
                double w = Single2026.GrossUp(20_000, net, penalty, taxableShare: 0.5, fixedTaxable: 10_000);
                double taxable = 10_000 + 0.5 * w;
                double back = w - Single2026.IncrementalTax(20_000, taxable) - penalty * taxable;
                Assert.True(Math.Abs(back - net) <= 1e-9, $"net {net}: {back}");
            }
        }
    }

    [Fact]
    public void GrossUp_General_WithNothingTaxable_IsTheNet() =>
        Assert.Equal(12_345, Single2026.GrossUp(80_000, 12_345, 0.1, taxableShare: 0, fixedTaxable: 0));
}
