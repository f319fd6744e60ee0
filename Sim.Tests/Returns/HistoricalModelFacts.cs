using Sim.Engine.Returns;
using Sim.Engine.Scenarios;

namespace Sim.Tests.Returns;

public class HistoricalModelFacts
{
    [Fact]
    public void OnePathPerWindow_ReadingTheExactRows()
    {
        MarketHistory h = MarketHistory.BuiltIn();
        // 61 years (2026-2086) against 98 years of history: 38 windows starting 1928..1965; paths is ignored.
        IReturnGenerator g = ReturnGenerators.Create(TestScenarios.With(ReturnModelKind.Historical, paths: 5), null);
        Assert.Equal(38, g.PathCount);
        for (int year = 0; year < 61; year++)
        {
            ReturnBlock b = TestScenarios.Fill(g, year, 0, 38);
            for (int p = 0; p < 38; p++)
            {
                HistoryYear row = h[p + year];
                Assert.Equal((row.Stocks, row.Bonds, row.Cash, row.Inflation), (b.Stocks[p], b.Bonds[p], b.Cash[p], b.Inflation[p]));
            }
        }

        // Window 0 starts with 1928 (S&P 500 +43.81%); window 37 ends with 2025 (+17.72%).
        Assert.Equal(0.438112, TestScenarios.Fill(g, 0, 0, 1).Stocks[0]);
        Assert.Equal(0.177237, TestScenarios.Fill(g, 60, 37, 1).Stocks[0]);
        Assert.Contains("38 rolling windows of 61 years", g.Notes, StringComparison.Ordinal);
    }

    [Fact]
    public void Historical_IsDeterministic_ExceptForTheSeededReitFill()
    {
        ReturnBlock a = TestScenarios.Fill(ReturnGenerators.Create(TestScenarios.With(ReturnModelKind.Historical, seed: 1), null), 10, 0, 38);
        ReturnBlock b = TestScenarios.Fill(ReturnGenerators.Create(TestScenarios.With(ReturnModelKind.Historical, seed: 2), null), 10, 0, 38);
        Assert.Equal(a.Stocks, b.Stocks);
        Assert.Equal(a.Inflation, b.Inflation);
        Assert.NotEqual(a.Reits.Take(38), b.Reits.Take(38));
    }

    [Fact]
    public void HorizonLongerThanTheHistory_IsAnError()
    {
        MarketHistory shortHistory = MarketHistory.ParseCsv(TestScenarios.SyntheticCsv(40, reits: true), "short.csv");
        var e = Assert.Throws<ArgumentException>(() => ReturnGenerators.Create(TestScenarios.With(ReturnModelKind.Historical), shortHistory));
        Assert.Contains("horizon of 61 years", e.Message, StringComparison.Ordinal);
        Assert.Contains("short.csv (40 years", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HorizonEqualToTheHistory_GivesOnePath()
    {
        MarketHistory h = MarketHistory.ParseCsv(TestScenarios.SyntheticCsv(61, reits: true), "exact.csv");
        IReturnGenerator g = ReturnGenerators.Create(TestScenarios.With(ReturnModelKind.Historical), h);
        Assert.Equal(1, g.PathCount);
        Assert.Equal(h[60].Reits, TestScenarios.Fill(g, 60, 0, 1).Reits[0]);
    }
}
