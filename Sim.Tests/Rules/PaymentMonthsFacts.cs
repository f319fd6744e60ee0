using Sim.Engine.Rules;

namespace Sim.Tests.Rules;

/// <summary>With July 1 birthdays, a stream starting at age a + k/12 starts in month July + k of year birthYear + a.</summary>
public class PaymentMonthsFacts
{
    [Theory]
    // At 62 exactly: July to December of the year of 62.
    [InlineData(62 * 12, 1960 + 62, 6)]
    // 62 and 1 month: August.
    [InlineData(62 * 12 + 1, 1960 + 62, 5)]
    // 62 and 5 months: December, one month.
    [InlineData(62 * 12 + 5, 1960 + 62, 1)]
    // 62 and 6 months: January of the next year, a full year.
    [InlineData(62 * 12 + 6, 1960 + 63, 12)]
    // 66 and 11 months: June of the year of 67, seven months.
    [InlineData(66 * 12 + 11, 1960 + 67, 7)]
    // 67.5: January of the year of 68.
    [InlineData(67 * 12 + 6, 1960 + 68, 12)]
    // 70: July of the year of 70.
    [InlineData(70 * 12, 1960 + 70, 6)]
    public void FirstYear_PaysFromTheStartMonthThroughDecember(int startMonths, int firstYear, int monthsInFirstYear)
    {
        Assert.Equal(firstYear, PaymentMonths.FirstYear(1960, startMonths));
        Assert.Equal(0, PaymentMonths.InYear(firstYear - 1, 1960, startMonths));
        Assert.Equal(monthsInFirstYear, PaymentMonths.InYear(firstYear, 1960, startMonths));
        Assert.Equal(12, PaymentMonths.InYear(firstYear + 1, 1960, startMonths));
        Assert.Equal(12, PaymentMonths.InYear(firstYear + 30, 1960, startMonths));
    }
}
