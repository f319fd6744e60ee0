using Sim.Engine.Rules;
using Sim.Engine.Scenarios;

namespace Sim.Tests.Rules;

public class PensionPaymentFacts
{
    [Fact]
    public void Inflation_IsTodaysDollarsTimesTheIndex_ProRataInTheFirstYear()
    {
        Assert.Equal(13_200.00, PensionPayment.Annual(24_000, PensionCola.Inflation, 6, 0, 1.1), 6);
        Assert.Equal(26_400.00, PensionPayment.Annual(24_000, PensionCola.Inflation, 12, 1, 1.1), 6);
    }

    [Fact]
    public void Fixed_RaisesEachJanuaryAfterTheFirstPaymentYear()
    {
        var cola = PensionCola.Fixed(0.02);
        Assert.Equal(12_000.00, PensionPayment.Annual(24_000, cola, 6, 0, 9.9), 6);
        Assert.Equal(24_480.00, PensionPayment.Annual(24_000, cola, 12, 1, 9.9), 6);
        Assert.Equal(25_468.992, PensionPayment.Annual(24_000, cola, 12, 3, 9.9), 6);
    }

    [Fact]
    public void None_IsLevel_AndAFullYearPaysExactlyTheAnnualAmount()
    {
        Assert.Equal(12_345.67, PensionPayment.Annual(12_345.67, PensionCola.None, 12, 20, 3.0));
        Assert.Equal(1_000.00, PensionPayment.Annual(12_000, PensionCola.None, 1, 0, 3.0), 6);
        Assert.Equal(0, PensionPayment.Annual(12_000, PensionCola.Inflation, 0, -1, 1.0));
    }
}
