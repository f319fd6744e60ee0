using Sim.Worker.Output.Charts;

namespace Sim.Tests.Output;

/// <summary>Axis arithmetic: round tick steps and dollar labels.</summary>
public sealed class ChartScaleFacts
{
    [Theory]
    [InlineData(0, 1_234_567, 6, 250_000, 1_250_000)] // 205,761 a tick rounds up to 250,000
    [InlineData(0, 1_769_906, 6, 500_000, 2_000_000)] // 294,984 rounds up to 500,000
    [InlineData(0, 90_000, 6, 20_000, 100_000)] // 15,000 rounds up to 20,000
    [InlineData(0, 1_000, 6, 200, 1_000)]
    [InlineData(-30_000, 95_000, 5, 25_000, 100_000)] // 25,000 exactly; the axis starts at -50,000
    public void For_PicksARoundStep_AndEndsOnATick(double min, double max, int target, double step, double top)
    {
        var scale = NiceScale.For(min, max, target);

        Assert.Equal(step, scale.Step);
        Assert.Equal(top, scale.Max);
        Assert.Equal(scale.Min, scale.Ticks[0]);
        Assert.Equal(scale.Max, scale.Ticks[^1]);
    }

    [Fact]
    public void For_StartsANegativeRangeOnATickBelowTheData() =>
        Assert.Equal(-50_000, NiceScale.For(-30_000, 95_000, 5).Min);

    [Fact]
    public void Ticks_AreExactMultiplesOfTheStep() =>
        Assert.Equal([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6], NiceScale.For(0, 0.55, 6).Ticks);

    [Fact]
    public void For_WidensAnEmptyRange() =>
        Assert.Equal(new NiceScale(0, 1, 0.2), NiceScale.For(0, 0, 6));

    [Theory]
    [InlineData(0, 2_000_000, 500_000, "$0")]
    [InlineData(1_250_000, 2_000_000, 250_000, "$1.25M")]
    [InlineData(1_500_000, 2_000_000, 500_000, "$1.5M")]
    [InlineData(2_000_000, 2_000_000, 500_000, "$2.0M")]
    [InlineData(4_000_000, 10_000_000, 2_000_000, "$4M")]
    [InlineData(750_000, 900_000, 150_000, "$750,000")]
    [InlineData(-50_000, 100_000, 25_000, "-$50,000")]
    public void AxisLabel_UsesThousandsSeparatorsOrMillions(double value, double axisMax, double step, string expected) =>
        Assert.Equal(expected, MoneyFormat.AxisLabel(value, axisMax, step));

    [Fact]
    public void Dollars_RoundsToWholeDollarsWithSeparators() =>
        Assert.Equal("$1,234,568", MoneyFormat.Dollars(1_234_567.6));
}
