using Sim.Worker.Output;
using Xunit.Abstractions;

namespace Sim.Tests.Output;

/// <summary>
/// The fan chart as a person sees it: rendered by headless Chromium to a PNG, then checked on the pixels (not on
/// the SVG text): it is not blank, every band and the median show in their colours over a real area, the bands
/// nest around the median in a column, and the retirement and RMD markers are drawn.
/// </summary>
public sealed class FanChartPictureFacts(ITestOutputHelper output)
{
    private const int WindowWidth = 1000, WindowHeight = 640;

    [ChromiumFact]
    public void Screenshot_ShowsEveryBandTheMedianAndBothMarkers()
    {
        var png = Shoot(FanChartSamples.Baseline(), out string file);
        output.WriteLine($"screenshot: {file}");
        Assert.Equal(WindowWidth, png.Width);
        Assert.Equal(WindowHeight, png.Height);

        int total = png.Width * png.Height;
        int nonWhite = png.Count(c => c.R < 245 || c.G < 245 || c.B < 245);
        output.WriteLine($"non-white pixels: {nonWhite} of {total}");
        Assert.True(nonWhite > total / 5, $"only {nonWhite} of {total} pixels are not white: the chart looks blank");

        foreach (var band in FanChart.Bands)
        {
            int n = png.Count(Png.Near(band.Color));
            output.WriteLine($"band {band.Label} {band.Color}: {n} pixels");
            Assert.True(n > 8_000, $"band {band.Label} ({band.Color}) covers only {n} pixels");
        }

        int median = png.Count(Png.Near(FanChart.MedianColor));
        int retirement = png.Count(Png.Near(FanChart.RetirementColor));
        int rmd = png.Count(Png.Near(FanChart.RmdColor));
        output.WriteLine($"median {median}, retirement {retirement}, first RMD {rmd} pixels");
        // The median runs across the 820 px wide plot about 3 px thick; each dashed marker is ~440 px tall × 2 px.
        Assert.True(median > 1_200, $"median line: only {median} pixels of {FanChart.MedianColor}");
        Assert.True(retirement > 300, $"retirement marker: only {retirement} pixels of {FanChart.RetirementColor}");
        Assert.True(rmd > 300, $"first-RMD marker: only {rmd} pixels of {FanChart.RmdColor}");
    }

    [ChromiumFact]
    public void Screenshot_BandsNestAroundTheMedian_InAColumnOfThePlot()
    {
        var png = Shoot(FanChartSamples.Baseline(), out _);

        // Column at age 50 (a quarter of the way along the 35-95 axis): from top to bottom the colours must run
        // outer band, middle band, inner band, median, inner band, middle band, outer band.
        int x = (int)Math.Round(104 + ((50 - 35) / 60.0 * (960 - 36 - 104)));
        var colours = new List<string> { FanChart.MedianColor };
        colours.AddRange(FanChart.Bands.Select(b => b.Color));
        var runs = new List<string>();
        for (int y = 0; y < png.Height; y++)
        {
            string? c = colours.FirstOrDefault(h => Png.Near(h)(png[x, y]));
            if (c is not null && (runs.Count == 0 || runs[^1] != c))
            {
                runs.Add(c);
            }
        }

        string[] b = [.. FanChart.Bands.Select(band => band.Color)];
        string[] expected = [b[0], b[1], b[2], FanChart.MedianColor, b[2], b[1], b[0]];
        Assert.Equal(expected, runs);
    }

    [ChromiumFact]
    public void Screenshot_WithoutTheTenNinetyLevels_HasNoMiddleBandColour()
    {
        var png = Shoot(FanChartSamples.Baseline([5, 25, 50, 75, 95]), out _);
        // With the band the middle colour covers ~50,000 pixels; without it only anti-aliased seams between the
        // outer and inner bands come near it (a few hundred).
        Assert.True(png.Count(Png.Near(FanChart.Bands[0].Color)) > 8_000);
        int middle = png.Count(Png.Near(FanChart.Bands[1].Color));
        Assert.True(middle < 1_000, $"{middle} pixels of the 10-90 colour although that band was not drawn");
        Assert.True(png.Count(Png.Near(FanChart.Bands[2].Color)) > 8_000);
    }

    private static Png Shoot(Sim.Engine.Simulation.SimulationResult r, out string pngPath)
    {
        string dir = Directory.CreateTempSubdirectory("sim-fan-").FullName;
        string svg = Path.Combine(dir, FanChart.FileName);
        File.WriteAllText(svg, FanChart.Render(r));
        pngPath = Path.Combine(dir, "fan.png");
        Chromium.Screenshot(svg, pngPath, WindowWidth, WindowHeight);
        return Png.Read(pngPath);
    }
}
