using Sim.Engine.Rules;
using Sim.Engine.Scenarios;

namespace Sim.Tests.Rules;

/// <summary>IRC 86 taxable benefits at hand-computed points below, between and above the base and adjusted base
/// amounts (IRS Publication 915, worksheet 1).</summary>
public class TaxableSocialSecurityFacts
{
    [Theory]
    // Single, base 25,000, adjusted base 34,000. PI = other + SS/2.
    [InlineData(20_000, 10_000, 0)] // PI 20,000: below the base
    [InlineData(20_000, 15_000, 0)] // PI 25,000: at the base, nothing
    [InlineData(20_000, 20_000, 2_500)] // PI 30,000: ½·(30,000 − 25,000)
    [InlineData(4_000, 31_000, 2_000)] // PI 33,000: ½·SS binds (½·8,000 = 4,000 > 2,000)
    [InlineData(20_000, 24_000, 4_500)] // PI 34,000: at the adjusted base, ½·9,000
    [InlineData(20_000, 30_000, 9_600)] // PI 40,000: 0.85·6,000 + 4,500
    [InlineData(6_000, 35_000, 5_100)] // PI 38,000: 0.85·4,000 + min(4,500, 3,000) = 6,400, capped at 0.85·6,000
    [InlineData(20_000, 100_000, 17_000)] // PI 110,000: 85 % of benefits
    public void Single(double benefits, double other, double expected) =>
        Assert.Equal(expected, TaxableSocialSecurity.Amount(benefits, other, FilingStatus.Single), 6);

    [Theory]
    // Married filing jointly, base 32,000, adjusted base 44,000.
    [InlineData(30_000, 15_000, 0)] // PI 30,000
    [InlineData(30_000, 17_000, 0)] // PI 32,000: at the base
    [InlineData(30_000, 25_000, 4_000)] // PI 40,000: ½·8,000
    [InlineData(30_000, 29_000, 6_000)] // PI 44,000: at the adjusted base, ½·12,000
    [InlineData(30_000, 40_000, 15_350)] // PI 55,000: 0.85·11,000 + 6,000
    [InlineData(40_000, 100_000, 34_000)] // PI 120,000: 85 % of benefits
    [InlineData(8_000, 41_000, 4_850)] // PI 45,000: 0.85·1,000 + min(6,000, ½·8,000), below the cap 6,800
    [InlineData(8_000, 60_000, 6_800)] // PI 64,000: 0.85·20,000 + 4,000 = 21,000, capped at 0.85·8,000
    public void MarriedFilingJointly(double benefits, double other, double expected) =>
        Assert.Equal(expected, TaxableSocialSecurity.Amount(benefits, other, FilingStatus.Mfj), 6);

    [Fact]
    public void NoBenefits_NothingTaxable() =>
        Assert.Equal(0, TaxableSocialSecurity.Amount(0, 1_000_000, FilingStatus.Single));

    [Fact]
    public void TheThresholdsAreTheStatutesUnindexedFigures()
    {
        Assert.Equal(25_000, TaxableSocialSecurity.BaseAmount(FilingStatus.Single));
        Assert.Equal(34_000, TaxableSocialSecurity.AdjustedBaseAmount(FilingStatus.Single));
        Assert.Equal(32_000, TaxableSocialSecurity.BaseAmount(FilingStatus.Mfj));
        Assert.Equal(44_000, TaxableSocialSecurity.AdjustedBaseAmount(FilingStatus.Mfj));
    }

    [Fact]
    public void TaxableAmount_NeverFalls_AsOtherIncomeRises_AndRisesAt85CentsAboveTheAdjustedBase()
    {
        var previous = 0.0;
        for (var other = 0.0; other <= 80_000; other += 250)
        {
            var t = TaxableSocialSecurity.Amount(24_000, other, FilingStatus.Single);
            Assert.True(t >= previous);
            previous = t;
        }

        // PI 40,000 → 41,000 with SS 24,000: 0.85 more taxable per dollar of other income.
        Assert.Equal(850, TaxableSocialSecurity.Amount(24_000, 29_000, FilingStatus.Single)
                          - TaxableSocialSecurity.Amount(24_000, 28_000, FilingStatus.Single), 6);
    }
}
