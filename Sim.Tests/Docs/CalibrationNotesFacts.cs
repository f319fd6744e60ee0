using System.Globalization;
using System.Text.RegularExpressions;
using Sim.Engine.Calibration;
using Sim.Engine.Returns;
using Sim.Engine.Scenarios;
using Sim.Worker.Cli;

namespace Sim.Tests.Docs;

/// <summary>docs/calibration-notes.md quotes what <c>calibrate --builtin</c> prints today.</summary>
public sealed class CalibrationNotesFacts
{
    private static string Notes => File.ReadAllText(Path.Combine(AnalystGuide.RepositoryRoot, "docs", "calibration-notes.md"))
        .Replace("\r\n", "\n", StringComparison.Ordinal);

    [Fact]
    public void JsonBlock_IsTheOutputOfCalibrateBuiltin()
    {
        string block = Regex.Match(Notes, @"```json\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;

        Assert.Equal(CalibrateCommand.ReturnsJson(Calibrator.Estimate(AnnualHistory.From(MarketHistory.BuiltIn()))), block);
    }

    [Theory]
    [InlineData("stocks")]
    [InlineData("bonds")]
    [InlineData("cash")]
    [InlineData("inflation")]
    public void MomentsTable_QuotesBothPeriods(string series)
    {
        var history = AnnualHistory.From(MarketHistory.BuiltIn());
        var full = Calibrator.Estimate(history);
        var recent = Calibrator.Estimate(history.Between(1990, null));
        MeanStdev Pick(CalibrationResult c) => series switch
        {
            "stocks" => c.Stocks,
            "bonds" => c.Bonds,
            "cash" => c.Cash,
            _ => c.Inflation,
        };
        string row = Notes.Split('\n').Single(l => l.StartsWith($"| {series} (", StringComparison.Ordinal));
        string[] cells = row.Split('|', StringSplitOptions.TrimEntries)[1..^1];

        string P(double v) => (100 * v).ToString("0.00", CultureInfo.InvariantCulture) + " %";
        Assert.Equal([P(Pick(full).Mean), P(Pick(full).Stdev), P(Pick(recent).Mean), P(Pick(recent).Stdev)], cells[3..7]);
    }

    [Theory]
    [InlineData("stocks-bonds", 0, 1)]
    [InlineData("stocks-cash", 0, 2)]
    [InlineData("stocks-inflation", 0, 4)]
    [InlineData("bonds-cash", 1, 2)]
    [InlineData("bonds-inflation", 1, 4)]
    [InlineData("cash-inflation", 2, 4)]
    public void CorrelationTable_QuotesDefaultsAndBothPeriods(string pair, int i, int j)
    {
        var history = AnnualHistory.From(MarketHistory.BuiltIn());
        double full = Calibrator.Estimate(history).Correlation[i, j];
        double recent = Calibrator.Estimate(history.Between(1990, null)).Correlation[i, j];
        string row = Notes.Split('\n').Single(l => l.StartsWith($"| {pair} |", StringComparison.Ordinal));
        string[] cells = row.Replace('\u2212', '-').Split('|', StringSplitOptions.TrimEntries)[1..^1];

        static string F(double v) => Math.Round(v, 2, MidpointRounding.AwayFromZero) is var r && r == 0
            ? "0.00"
            : r.ToString("0.00", CultureInfo.InvariantCulture);
        Assert.Equal([F(Sim.Engine.Scenarios.Returns.DefaultCorrelation[i][j]), F(full), F(recent)], cells[1..4]);
    }
}
