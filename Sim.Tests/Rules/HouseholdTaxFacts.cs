using Sim.Engine.Rules;
using Sim.Engine.Scenarios;

namespace Sim.Tests.Rules;

/// <summary>The tax split between a withdrawal and the income streams, with the IRC 86 "tax torpedo".</summary>
public class HouseholdTaxFacts
{
    private static readonly TaxSchedule Single2026 = TaxSchedule.For(2026, FilingStatus.Single, 0.025);

    [Fact]
    public void WithoutIncome_TheWithdrawalsTaxIsTheOldIncrement()
    {
        var (onW, alone) = HouseholdTax.Brackets(Single2026, 10_000, 0, 0, 40_000);

        Assert.Equal(Single2026.IncrementalTax(10_000, 40_000), onW);
        Assert.Equal(0, alone);
    }

    [Fact]
    public void Brackets_ChargeTheWithdrawalForTheBenefitsItMakesTaxable()
    {
        // SS 24,000, no other income, W = 30,000 (single). S(0): PI = 12,000 → 0. S(W): PI = 42,000 →
        // 0.85·8,000 + 4,500 = 11,300. Tax on 41,300 gross, 2026 single: deduction 16,100 → taxable 25,200:
        // 10 % of 12,400 + 12 % of 12,800 = 1,240 + 1,536 = 2,776.
        var (onW, alone) = HouseholdTax.Brackets(Single2026, 0, 0, 24_000, 30_000);

        Assert.Equal(2_776.00, onW, 6);
        Assert.Equal(0, alone, 6);
        // Without the benefits the same withdrawal pays only on 30,000: 10 % of 12,400 + 12 % of 1,500 = 1,420.
        Assert.Equal(1_420.00, Single2026.IncrementalTax(0, 30_000), 6);
    }

    [Fact]
    public void Brackets_TheIncomeAlonePaysOnPensionsAndItsOwnTaxableBenefits()
    {
        // Pension 30,000, SS 20,000: PI = 40,000 → S(0) = 0.85·6,000 + 4,500 = 9,600; gross 39,600, taxable 23,500:
        // 1,240 + 12 % of 11,100 = 2,572.
        var (onW, alone) = HouseholdTax.Brackets(Single2026, 0, 30_000, 20_000, 0);

        Assert.Equal(0, onW, 6);
        Assert.Equal(2_572.00, alone, 6);
    }

    [Fact]
    public void Flat_AppliesItsRateToTheWithdrawalPlusTheExtraTaxableBenefits()
    {
        // Flat 22 %, SS 24,000, pension 0, W 30,000: S(W) = 11,300, S(0) = 0 → 0.22 · 41,300 = 9,086.
        var (onW, alone) = HouseholdTax.Flat(0.22, FilingStatus.Single, 0, 24_000, 30_000);

        Assert.Equal(9_086.00, onW, 6);
        Assert.Equal(0, alone, 6);
        var (_, pensionOnly) = HouseholdTax.Flat(0.22, FilingStatus.Single, 10_000, 0, 0);
        Assert.Equal(2_200.00, pensionOnly, 6);
    }
}
