using Sim.Engine.Returns;
using Sim.Engine.Scenarios;
using Sim.Tests.Random;

namespace Sim.Tests.Returns;

public class BootstrapModelFacts
{
    private static readonly MarketHistory History = MarketHistory.BuiltIn();

    private static Dictionary<(double, double, double, double), int> RowIndex()
    {
        var index = new Dictionary<(double, double, double, double), int>();
        for (int i = 0; i < History.Count; i++)
        {
            HistoryYear y = History[i];
            index.Add((y.Stocks, y.Bonds, y.Cash, y.Inflation), i); // throws if two rows were equal
        }

        return index;
    }

    private static int[,] Rows(IReturnGenerator g, int paths, int years)
    {
        var index = RowIndex();
        var rows = new int[paths, years];
        for (int year = 0; year < years; year++)
        {
            ReturnBlock b = TestScenarios.Fill(g, year, 0, paths);
            for (int p = 0; p < paths; p++)
            {
                Assert.True(index.TryGetValue((b.Stocks[p], b.Bonds[p], b.Cash[p], b.Inflation[p]), out int row),
                    $"path {p} year {year} is not a historical row");
                rows[p, year] = row;
            }
        }

        return rows;
    }

    [Fact]
    public void EveryDrawnYear_IsAWholeHistoricalRow()
    {
        IReturnGenerator g = ReturnGenerators.Create(TestScenarios.With(ReturnModelKind.Bootstrap, 2000), null);
        int[,] rows = Rows(g, 2000, 61);
        var generator = (HistoryReturnGenerator)g;
        for (int p = 0; p < 2000; p += 97)
        {
            for (int y = 0; y < 61; y++)
            {
                Assert.Equal(generator.RowOf(p, y), rows[p, y]);
            }
        }
    }

    [Fact]
    public void Blocks_AreConsecutiveRows_WrapCircularly_AndStartAfresh()
    {
        const int b = 5, paths = 3000, years = 61;
        IReturnGenerator g = ReturnGenerators.Create(TestScenarios.With(ReturnModelKind.Bootstrap, paths,
            returns: r => r with { BlockLength = b }), null);
        int[,] rows = Rows(g, paths, years);
        int n = History.Count, wraps = 0, consecutiveAcrossBlocks = 0, boundaries = 0;
        for (int p = 0; p < paths; p++)
        {
            for (int y = 1; y < years; y++)
            {
                bool next = rows[p, y] == (rows[p, y - 1] + 1) % n;
                if (y % b != 0)
                {
                    Assert.True(next, $"path {p}: year {y} is not the row after year {y - 1} inside a block");
                    wraps += rows[p, y] == 0 ? 1 : 0;
                }
                else
                {
                    boundaries++;
                    consecutiveAcrossBlocks += next ? 1 : 0;
                }
            }
        }

        Assert.True(wraps > 0, "no block wrapped from the last year to the first");
        // A new block continues the old one only by chance (1/N).
        double expected = 1.0 / n;
        Stats.Near(expected, consecutiveAcrossBlocks / (double)boundaries, Math.Sqrt(expected * (1 - expected) / boundaries), "P(new block continues the old)");
    }

    [Fact]
    public void BlockStarts_AreUniformOverTheHistory()
    {
        const int paths = 40_000;
        var g = (HistoryReturnGenerator)ReturnGenerators.Create(TestScenarios.With(ReturnModelKind.Bootstrap, paths), null);
        int n = History.Count;
        var counts = new int[n];
        for (int p = 0; p < paths; p++)
        {
            counts[g.RowOf(p, 0)]++;
        }

        double e = paths / (double)n;
        double chi2 = counts.Sum(c => (c - e) * (c - e) / e);
        // chi-square with N − 1 = 97 degrees of freedom: mean 97, sd sqrt(194) ≈ 13.9.
        Assert.True(chi2 < 97 + 4 * Math.Sqrt(2 * 97), $"chi-square {chi2:F1}");
    }

    [Fact]
    public void HistoryWithReits_IsCopied_NotFilled()
    {
        MarketHistory h = MarketHistory.ParseCsv(TestScenarios.SyntheticCsv(50, reits: true), "with-reits.csv");
        var g = (HistoryReturnGenerator)ReturnGenerators.Create(TestScenarios.With(ReturnModelKind.Bootstrap, 100), h);
        ReturnBlock b = TestScenarios.Fill(g, 7, 0, 100);
        for (int p = 0; p < 100; p++)
        {
            HistoryYear row = h[g.RowOf(p, 7)];
            Assert.Equal((row.Stocks, row.Bonds, row.Cash, row.Reits, row.Inflation), (b.Stocks[p], b.Bonds[p], b.Cash[p], b.Reits[p], b.Inflation[p]));
        }

        Assert.DoesNotContain("no REIT series", g.Notes, StringComparison.Ordinal);
    }

    [Fact]
    public void BlockLengthBelowOne_IsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => ReturnGenerators.Create(
            TestScenarios.With(ReturnModelKind.Bootstrap, returns: r => r with { BlockLength = 0 }), null));
        Assert.Contains("blockLength", e.Message, StringComparison.Ordinal);
    }
}
