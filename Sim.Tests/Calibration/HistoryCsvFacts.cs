using Sim.Engine.Calibration;

namespace Sim.Tests.Calibration;

/// <summary>Reading the two history layouts calibrate accepts.</summary>
public sealed class HistoryCsvFacts
{
    [Fact]
    public void Parse_ReadsTheScenarioFormat_WithOptionalReits()
    {
        var h = HistoryCsv.Parse("year,stocks,bonds,cash,inflation,reits\n2001,0.1,0.05,0.02,0.03,0.07\r\n2002,-0.2,0.06,0.01,0.02,-0.1\n", "mine.csv");

        Assert.Equal([2001, 2002], h.Years);
        Assert.Equal([0.1, -0.2], h.Stocks);
        Assert.Equal([0.05, 0.06], h.Bonds);
        Assert.Equal([0.02, 0.01], h.Cash);
        Assert.Equal([0.03, 0.02], h.Inflation);
        Assert.Equal([0.07, -0.1], h.Reits!);
    }

    [Fact]
    public void Parse_ReadsTheDamodaranColumns_AndSkipsCommentLines()
    {
        const string text = """
            # origin: Damodaran histretSP
            year,sp500_total_return,us_small_cap_bottom_decile,tbill_3m,tbond_10y,baa_corp_bond,real_estate_home_price,gold,cpi_u_inflation_dec_dec
            1928,0.438112,0.621500,0.030800,0.008355,0.032196,0.014911,0.000969,-0.011561
            1929,-0.082979,-0.460800,0.031600,0.042038,0.030179,-0.020568,-0.001452,0.005848
            """;

        var h = HistoryCsv.Parse(text, "d");

        Assert.Equal([1928, 1929], h.Years);
        Assert.Equal([0.438112, -0.082979], h.Stocks);
        Assert.Equal([0.008355, 0.042038], h.Bonds);
        Assert.Equal([0.030800, 0.031600], h.Cash);
        Assert.Equal([-0.011561, 0.005848], h.Inflation);
        Assert.Null(h.Reits); // home prices are not REITs
    }

    [Theory]
    [InlineData("year,stocks,bonds,inflation\n2001,0.1,0.05,0.03\n", "no 'cash' column")]
    [InlineData("year,stocks,bonds,cash,inflation\n2001,0.1,0.05,abc,0.03\n", "line 2: cash 'abc' is not a number")]
    [InlineData("year,stocks,bonds,cash,inflation\n2001,0.1,0.05,0.02,0.03\n2003,0.1,0.05,0.02,0.03\n", "line 3: year 2003 does not follow 2001")]
    [InlineData("year,stocks,bonds,cash,inflation\n2001,0.1,0.05,0.02\n", "line 2: inflation '' is not a number")]
    [InlineData("", "empty file")]
    public void Parse_NamesTheLineAndColumnOfAMistake(string text, string message)
    {
        var e = Assert.Throws<FormatException>(() => HistoryCsv.Parse(text, "h.csv"));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("h.csv: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Between_KeepsTheYearsInTheInclusiveRange()
    {
        var h = HistoryCsv.Parse("year,stocks,bonds,cash,inflation,reits\n2001,0.1,0.5,0.01,0.001,1\n2002,0.2,0.6,0.02,0.002,2\n2003,0.3,0.7,0.03,0.003,3\n2004,0.4,0.8,0.04,0.004,4\n", "h");

        var middle = h.Between(2002, 2003);
        Assert.Equal([2002, 2003], middle.Years);
        Assert.Equal([0.2, 0.3], middle.Stocks);
        Assert.Equal([0.6, 0.7], middle.Bonds);
        Assert.Equal([0.02, 0.03], middle.Cash);
        Assert.Equal([0.002, 0.003], middle.Inflation);
        Assert.Equal([2.0, 3.0], middle.Reits!);
        Assert.Equal([2003, 2004], h.Between(2003, null).Years);
        Assert.Equal([2001], h.Between(null, 2001).Years);
        Assert.Same(h, h.Between(null, null));
    }
}
