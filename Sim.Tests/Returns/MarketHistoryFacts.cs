using Sim.Engine.Returns;

namespace Sim.Tests.Returns;

public class MarketHistoryFacts
{
    [Fact]
    public void BuiltIn_IsDamodaran1928To2025_WithTheMappedColumns()
    {
        MarketHistory h = MarketHistory.BuiltIn();
        Assert.Equal(98, h.Count);
        Assert.Equal(1928, h.FirstYear);
        Assert.Equal(2025, h.LastYear);
        Assert.False(h.HasReits);
        Assert.Equal(MarketHistory.BuiltInSource, h.Source);
        // 1928: S&P 500 +43.8112%, 10-year Treasury +0.8355%, T-bill 3.08%, CPI −1.1561%.
        Assert.Equal(new HistoryYear(1928, 0.438112, 0.008355, 0.0308, double.NaN, -0.011561), h[0]);
        // 2008: −36.5523%, +20.1013%, 1.40%, 0.0914%.
        Assert.Equal(new HistoryYear(2008, -0.365523, 0.201013, 0.014, double.NaN, 0.000914), h[2008 - 1928]);
        Assert.Equal(0.177237, h.Stocks[^1]);
        Assert.Same(h, MarketHistory.BuiltIn());
    }

    [Fact]
    public void ParseCsv_ReadsColumnsInAnyOrder_WithCommentsBlankLinesAndCrLf()
    {
        const string csv = "# my history\r\nYear, Inflation, Stocks, Bonds, Cash, REITs\r\n\r\n2000,0.03,-0.09,0.17,0.06,0.26\r\n2001,0.016,-0.12,0.06,0.04,0.14\r\n";
        MarketHistory h = MarketHistory.ParseCsv(csv, "mine.csv");
        Assert.Equal(2, h.Count);
        Assert.True(h.HasReits);
        Assert.Equal(new HistoryYear(2000, -0.09, 0.17, 0.06, 0.26, 0.03), h[0]);
        Assert.Equal(new HistoryYear(2001, -0.12, 0.06, 0.04, 0.14, 0.016), h[1]);
        Assert.Equal("mine.csv", h.Source);
    }

    [Fact]
    public void ParseCsv_WithoutReits_HasNoReitSeries()
    {
        MarketHistory h = MarketHistory.ParseCsv("year,stocks,bonds,cash,inflation\n1990,-0.03,0.06,0.08,0.06\n", "x.csv");
        Assert.False(h.HasReits);
        Assert.Null(h.Reits);
        Assert.True(double.IsNaN(h[0].Reits));
    }

    [Theory]
    [InlineData("year,stocks,bonds,cash\n2000,0.1,0.05,0.02\n", "x.csv line 1: the header has no 'inflation' column")]
    [InlineData("year,stocks,bonds,cash,inflation,reit\n", "x.csv line 1: column 6 of the header is not one of year, stocks, bonds, cash, inflation")]
    [InlineData("year,stocks,bonds,cash,inflation,stocks\n", "x.csv line 1: column stocks appears twice")]
    [InlineData("year,stocks,bonds,cash,inflation\n2000,0.1,0.05,0.02,0.03\n2002,0.1,0.05,0.02,0.03\n", "x.csv line 3: year 2002 follows 2000: years must be consecutive and increasing")]
    [InlineData("year,stocks,bonds,cash,inflation\n2000,0.1,0.05,0.02,0.03\n2001,10%,0.05,0.02,0.03\n", "x.csv line 3: stocks (column 2) is not a number")]
    [InlineData("year,stocks,bonds,cash,inflation\n2000,0.1,0.05,0.02\n", "x.csv line 2: expected 5 fields, found 4")]
    [InlineData("year,stocks,bonds,cash,inflation\n2000,-1,0.05,0.02,0.03\n", "x.csv line 2: stocks -1 is not above -1")]
    [InlineData("year,stocks,bonds,cash,inflation\ntwo thousand,0.1,0.05,0.02,0.03\n", "x.csv line 2: the year (column 1) is not a whole number")]
    [InlineData("", "x.csv line 1: the file is empty")]
    [InlineData("# only a comment\nyear,stocks,bonds,cash,inflation\n", "the file has a header but no data rows")]
    public void ParseCsv_ReportsEachProblemWithItsLineNumber(string csv, string expected)
    {
        var e = Assert.Throws<FormatException>(() => MarketHistory.ParseCsv(csv, "x.csv"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.False(MarketHistory.TryParseCsv(csv, "x.csv", out MarketHistory? h, out string error));
        Assert.Null(h);
        Assert.Equal(e.Message, error);
    }

    [Fact]
    public void ParseCsv_NeverQuotesTheFilesContentInAnError()
    {
        // A path that leads to a file it should not (a link to /etc/passwd) must not become a way to read it.
        const string csv = "root:x:0:0:root:/root:/bin/bash\n";
        var e = Assert.Throws<FormatException>(() => MarketHistory.ParseCsv(csv, "x.csv"));
        Assert.DoesNotContain("root", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseCsv_AcceptsNumbersInDoubleQuotes_AsSpreadsheetsWriteThem()
    {
        var h = MarketHistory.ParseCsv("\"year\",\"stocks\",bonds,cash,inflation\n\"2000\",\"0.28\",0.05,0.02,0.03\n", "x.csv");
        Assert.Equal(2000, h.FirstYear);
        Assert.Equal(0.28, h.Stocks[0]);
    }

    [Fact]
    public void ParseCsv_ReportsSeveralProblemsAtOnce()
    {
        const string csv = "year,stocks,bonds,cash,inflation\n2000,x,0.05,0.02,0.03\n2001,0.1,y,0.02,0.03\n";
        var e = Assert.Throws<FormatException>(() => MarketHistory.ParseCsv(csv, "x.csv"));
        Assert.Equal("x.csv line 2: stocks (column 2) is not a number (use decimals such as 0.05 for 5%)\nx.csv line 3: bonds (column 3) is not a number (use decimals such as 0.05 for 5%)", e.Message);
    }
}
