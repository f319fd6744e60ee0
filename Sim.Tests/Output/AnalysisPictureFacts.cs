using Sim.Engine.Analysis;
using Sim.Worker.Output;
using Xunit.Abstractions;

namespace Sim.Tests.Output;

/// <summary>
/// The tornado and the difference fan as a person sees them: rendered by headless Chromium, checked on the pixels.
/// The tornado's bars are drawn largest swing on top, each as wide as its swing; the difference fan shows its bands,
/// its median and the zero line.
/// </summary>
public sealed class AnalysisPictureFacts(ITestOutputHelper output)
{
    private static TrialOutcome At(double success) => new(success, 100_000, 1000);

    private static SensitivityResult Tornado() => new("baseline", At(0.80), 1000, 1,
    [
        new SensitivityRow("withdrawals.spending", "withdrawals.initialRate", "spending ±10%", ValueKind.Rate, 0.04, 0.036, 0.044, At(0.90), At(0.60)),
        new SensitivityRow("participant.retirementAge", "participant.retirementAge", "retirement age ±1 year", ValueKind.Age, 65, 64, 66, At(0.75), At(0.85)),
        new SensitivityRow("contributions.deferralRate", "contributions.deferralRate", "deferral rate ±1 point", ValueKind.Rate, 0.06, 0.05, 0.07, At(0.80), At(0.80)),
    ], []);

    private static Png Shoot(string svgText, string name, int width, int height)
    {
        string dir = Directory.CreateTempSubdirectory("sim-analysis-pictures-").FullName;
        string svg = Path.Combine(dir, name);
        File.WriteAllText(svg, svgText);
        string png = Path.Combine(dir, Path.ChangeExtension(name, ".png"));
        Chromium.Screenshot(svg, png, width, height);
        return Png.Read(png);
    }

    [ChromiumFact]
    public void Tornado_DrawsTheLargestSwingOnTop_EachBarAsWideAsItsSwing()
    {
        var r = Tornado();
        var png = Shoot(TornadoChart.Render(r), TornadoChart.FileName, TornadoChart.Width, TornadoChart.HeightFor(r.Rows.Count));
        var low = Png.Near(TornadoChart.LowColor);
        var high = Png.Near(TornadoChart.HighColor);
        Assert.True(png.Count(low) > 3_000 && png.Count(high) > 3_000, "both ends of the bars show in their colours");

        // Row i's bar is centred 23 px into its 46 px band, which starts 110 px from the top.
        int Width(int row)
        {
            int y = 110 + (row * 46) + 23, n = 0;
            for (int x = 0; x < png.Width; x++)
            {
                n += low(png[x, y]) || high(png[x, y]) ? 1 : 0;
            }

            return n;
        }

        int[] widths = [Width(0), Width(1), Width(2)];
        output.WriteLine($"bar widths: {string.Join(", ", widths)} px");
        Assert.True(widths[0] > widths[1] && widths[1] > widths[2], "largest swing on top");
        // Swings 30 and 10 points: the first bar is about three times the second.
        Assert.InRange(widths[0] / (double)widths[1], 2.5, 3.5);
        Assert.True(widths[2] <= 4, "a swing of zero draws no bar");
        Assert.True(png.Count(Png.Near(TornadoChart.BaseColor)) > 300, "the line at the scenario's own success");
    }

    [ChromiumFact]
    public void DifferenceFan_ShowsItsBands_ItsMedian_AndTheZeroLine()
    {
        var a = Sim.Tests.Analysis.AnalysisScenarios.Shipped("baseline");
        var b = a with { Withdrawals = a.Withdrawals.WithInitialRate(0.05) };
        var c = Comparison.Compare([a, b], [Sim.Tests.Analysis.AnalysisScenarios.Options(300), Sim.Tests.Analysis.AnalysisScenarios.Options(300)]);
        var png = Shoot(DifferenceChart.Render(c, c.Pairs[0]), DifferenceChart.FileName, DifferenceChart.Width, DifferenceChart.Height);
        foreach (var band in FanChart.Bands)
        {
            int n = png.Count(Png.Near(band.Color));
            output.WriteLine($"{band.Label}: {n} pixels");
            Assert.True(n > 2_000, $"band {band.Label} covers only {n} pixels");
        }

        Assert.True(png.Count(Png.Near(FanChart.MedianColor)) > 800, "median line");
        Assert.True(png.Count(Png.Near(DifferenceChart.ZeroColor)) > 200, "zero line");
    }
}
