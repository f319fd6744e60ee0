using Sim.Engine.Rules;

namespace Sim.Tests.Rules;

public class FlatTaxFacts
{
    [Fact]
    public void Tax_IsRateTimesWithdrawal()
    {
        Assert.Equal(2_200, FlatTax.Tax(0.22, 10_000), 9);
        Assert.Equal(0, FlatTax.Tax(0.22, -1));
    }

    [Fact]
    public void GrossUp_DividesByOneMinusRateAndPenalty()
    {
        Assert.Equal(40_000 / 0.78, FlatTax.GrossUp(0.22, 0, 40_000), 9);
        Assert.Equal(34_000 / 0.68, FlatTax.GrossUp(0.22, 0.10, 34_000), 9);
        Assert.Equal(50_000, FlatTax.GrossUp(0.22, 0.10, 34_000), 9);
    }

    [Fact]
    public void GrossUp_General_WithAFixedTaxablePartAndAShare()
    {
        double w = FlatTax.GrossUp(0.22, 0.0, 40_000, taxableShare: 0.5, fixedTaxable: 10_000);
        Assert.Equal(40_000, w - 0.22 * (10_000 + 0.5 * w), 9);
    }

    [Fact]
    public void GrossUp_IsZero_ForANonPositiveNet() => Assert.Equal(0, FlatTax.GrossUp(0.22, 0.1, -5));
}
