using System.Text.Json;
using System.Text.Json.Nodes;
using Sim.Engine.Calibration;
using Sim.Engine.Returns;
using Sim.Engine.Scenarios;
using Sim.Worker.Cli;

namespace Sim.Tests.Calibration;

/// <summary>The calibrate verb's output: a JSON returns block with the scenario's camelCase keys.</summary>
public sealed class CalibrateCommandFacts
{
    private static readonly AnnualHistory Six = new("six.csv", [2010, 2011, 2012, 2013, 2014, 2015],
        Stocks: [0.15, 0.02, 0.16, 0.12, 0.14, 0.01],
        Bonds: [0.08, 0.16, 0.03, -0.09, 0.11, 0.01],
        Cash: [0.001, 0.0005, 0.0009, 0.0006, 0.0003, 0.0005],
        Reits: null,
        Inflation: [0.015, 0.03, 0.017, 0.015, 0.008, 0.007]);

    [Fact]
    public void ReturnsJson_Parses_WithTheScenarioKeysAndRoundedValues()
    {
        var c = Calibrator.Estimate(Six);

        using var doc = JsonDocument.Parse(CalibrateCommand.ReturnsJson(c));
        var returns = doc.RootElement.GetProperty("returns");

        Assert.Equal(["model", "assets", "inflation", "correlation"], returns.EnumerateObject().Select(p => p.Name));
        Assert.Equal("lognormal", returns.GetProperty("model").GetString());
        var assets = returns.GetProperty("assets");
        Assert.Equal(["stocks", "bonds", "cash", "reits"], assets.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Math.Round(c.Stocks.Mean, 4), assets.GetProperty("stocks").GetProperty("mean").GetDouble());
        Assert.Equal(0.1, assets.GetProperty("stocks").GetProperty("mean").GetDouble()); // 0.60 / 6
        Assert.Equal(Math.Round(c.Bonds.Stdev, 4), assets.GetProperty("bonds").GetProperty("stdev").GetDouble());
        Assert.Equal(0.09, assets.GetProperty("reits").GetProperty("mean").GetDouble());
        Assert.Equal(0.21, assets.GetProperty("reits").GetProperty("stdev").GetDouble());
        Assert.Equal(Math.Round(c.Inflation.Mean, 4), returns.GetProperty("inflation").GetProperty("mean").GetDouble());

        var rows = returns.GetProperty("correlation").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        Assert.Equal(5, rows.Length);
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(1.0, rows[i][i]);
            for (int j = 0; j < 5; j++)
            {
                Assert.Equal(Math.Round(c.Correlation[i, j], 2, MidpointRounding.AwayFromZero), rows[i][j]);
                Assert.Equal(rows[i][j], rows[j][i]);
            }
        }

        Assert.Equal([0.60, 0.20, 0.00, 1.00, 0.05], rows[3]);
    }

    [Fact]
    public void ReturnsJson_FromTheBuiltInHistory_PastesIntoAValidScenario()
    {
        string printed = CalibrateCommand.ReturnsJson(Calibrator.Estimate(AnnualHistory.From(MarketHistory.BuiltIn())));
        var scenario = JsonNode.Parse("""
            { "name": "calibrated", "participant": { "birthYear": 1980, "retirementAge": 65, "salary": 80000 } }
            """)!.AsObject();
        scenario["returns"] = JsonNode.Parse(printed)!["returns"]!.DeepClone();

        var result = ScenarioJson.Parse(scenario.ToJsonString(), 2026);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var r = result.Scenario!.Returns;
        Assert.Equal(new MeanStdev(0.1185, 0.194), r.Stocks);
        Assert.Equal(new MeanStdev(0.0482, 0.079), r.Bonds);
        Assert.Equal(new MeanStdev(0.0341, 0.0304), r.Cash);
        Assert.Equal(new MeanStdev(0.09, 0.21), r.Reits);
        Assert.Equal(new MeanStdev(0.0311, 0.039), r.Inflation);
        Assert.Equal([1.00, 0.02, 0.00, 0.60, 0.05], r.Correlation[0]);
        Assert.Equal([0.05, -0.11, 0.37, 0.05, 1.00], r.Correlation[4]);
    }

    [Fact]
    public void ReturnsJson_NeverPrintsNegativeZero()
    {
        var c = Calibrator.Estimate(Six) with { Correlation = Identity(-0.004) };

        Assert.DoesNotContain("-0.00", CalibrateCommand.ReturnsJson(c), StringComparison.Ordinal);
    }

    [Fact]
    public void Notes_SayWhenReitsAreDefaults()
    {
        var notes = CalibrateCommand.Notes(Calibrator.Estimate(Six));

        Assert.All(notes, n => Assert.StartsWith("# ", n, StringComparison.Ordinal));
        Assert.Equal("# calibrated from six.csv, 2010-2015 (6 years)", notes[0]);
        Assert.Contains(notes, n => n.StartsWith("# reits: the history has no REIT series; mean 0.09, stdev 0.21", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Verb_WithoutAFileOrBuiltin_IsAUsageError()
    {
        Assert.Equal(CommandLine.ExitUsage, await CommandLine.DispatchAsync(["calibrate"]));
        Assert.Equal(CommandLine.ExitUsage, await CommandLine.DispatchAsync(["calibrate", "a.csv", "--builtin"]));
    }

    [Fact]
    public async Task Verb_OnAMissingFile_ExitsWithInvalidInput() =>
        Assert.Equal(CommandLine.ExitInvalidInput,
            await CommandLine.DispatchAsync(["calibrate", Path.Combine(Path.GetTempPath(), "no-such-history-7f3a.csv")]));

    private static double[,] Identity(double offDiagonal)
    {
        var m = new double[5, 5];
        for (int i = 0; i < 5; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                m[i, j] = i == j ? 1 : offDiagonal;
            }
        }

        return m;
    }
}
