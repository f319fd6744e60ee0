using System.Globalization;
using System.Xml.Linq;
using Sim.Worker.Output;

namespace Sim.Tests.Output;

/// <summary>The fan chart's SVG: self-contained, titled with the success probability, the right metric, bands
/// that follow the available levels, markers at the retirement and first-RMD ages, readable ticks.</summary>
public sealed class FanChartFacts
{
    private static readonly XNamespace S = "http://www.w3.org/2000/svg";

    [Fact]
    public void Svg_IsSelfContained_WithExplicitSizeAndAGenericFont()
    {
        string text = FanChart.Render(FanChartSamples.Baseline());
        var root = XDocument.Parse(text).Root!;

        Assert.Equal(S + "svg", root.Name);
        Assert.Equal("960", (string?)root.Attribute("width"));
        Assert.Equal("600", (string?)root.Attribute("height"));
        Assert.Equal("0 0 960 600", (string?)root.Attribute("viewBox"));
        Assert.Equal("sans-serif", (string?)root.Attribute("font-family"));
        Assert.Empty(root.Descendants(S + "script"));
        Assert.Empty(root.Descendants(S + "image"));
        Assert.Empty(root.Descendants(S + "foreignObject"));
        Assert.DoesNotContain("href", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(root.DescendantsAndSelf().SelectMany(e => e.Attributes()),
            a => a.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase)); // no event handlers
    }

    [Fact]
    public void Title_NamesTheScenarioAndTheSuccessProbability()
    {
        var root = XDocument.Parse(FanChart.Render(FanChartSamples.Baseline(success: 0.873))).Root!;

        Assert.Equal("baseline — 87.3% of paths never run out", (string?)root.Element(S + "title"));
        Assert.Contains(Texts(root), t => t.Text == "baseline — 87.3% of paths never run out");
    }

    [Fact]
    public void Title_RoundsTheProbabilityToOneDecimal_ButNeverTo100WhileAPathFailed()
    {
        Assert.Equal("early-retiree — > 99.9% of paths never run out",
            FanChart.Title(FanChartSamples.Baseline(success: 0.99996, name: "early-retiree")));
        Assert.Equal("x — 0.0% of paths never run out", FanChart.Title(FanChartSamples.Baseline(success: 0, name: "x")));
        Assert.Equal("y — 100.0% of paths never run out", FanChart.Title(FanChartSamples.Baseline(success: 1, name: "y")));
    }

    [Fact]
    public void Bands_AreDrawnForEveryLevelPairPresent_AndSkippedOtherwise()
    {
        static string[] Classes(IReadOnlyList<double> levels) => XDocument.Parse(FanChart.Render(FanChartSamples.Baseline(levels)))
            .Root!.Descendants().Select(e => (string?)e.Attribute("class")).OfType<string>().ToArray();

        Assert.Equal(["band band-5-95", "band band-10-90", "band band-25-75", "median"], Classes([5, 10, 25, 50, 75, 90, 95]));
        Assert.Equal(["band band-5-95", "band band-25-75", "median"], Classes([5, 25, 50, 75, 95]));
        Assert.Equal(["band band-10-90"], Classes([10, 90]));
        Assert.Equal(["median"], Classes([50, 99]));
    }

    [Fact]
    public void MedianLine_PlotsBalanceRealInDollarsOfTheStartYear()
    {
        var root = XDocument.Parse(FanChart.Render(FanChartSamples.Baseline())).Root!;
        var y = YAxis(root);

        var points = Points(root.Descendants(S + "polyline").Single(e => (string?)e.Attribute("class") == "median"));
        Assert.Equal(61, points.Length);
        // Every other metric in the sample is 1.5 times balance_real, so the wrong metric would miss by 50%.
        Assert.Equal(100_000, y(points[0].Y), 0);
        Assert.Equal(1_000_000, y(points[30].Y), 0);
        Assert.Equal(200_000, y(points[60].Y), 0);
    }

    [Fact]
    public void YTicks_AreRoundNumbers_LabelledWithTheirDollars()
    {
        var root = XDocument.Parse(FanChart.Render(FanChartSamples.Baseline())).Root!;

        // The 95th percentile peaks at 1,000,000 × (1 + 0.024 × 45 × √(31/61)) = $1,769,906, so six ticks of
        // $294,984 round up to a step of $500,000 and the axis ends at $2,000,000.
        Assert.Equal(["$0", "$0.5M", "$1.0M", "$1.5M", "$2.0M"], Texts(root).Where(t => t.Anchor == "end").Select(t => t.Text));
    }

    [Fact]
    public void XTicks_FallEveryFiveYearsOfAge()
    {
        var root = XDocument.Parse(FanChart.Render(FanChartSamples.Baseline())).Root!;
        string[] expected = [.. Enumerable.Range(7, 13).Select(k => (k * 5).ToString(CultureInfo.InvariantCulture))];

        Assert.Equal(expected, Texts(root).Where(t => t.Anchor == "middle" && t.Text.All(char.IsDigit)).Select(t => t.Text));
    }

    [Fact]
    public void Markers_StandAtTheRetirementAndFirstRmdAges()
    {
        // Born 1991: RMDs start at 75 (SECURE 2.0, born 1960 or later); retiring at 65.
        var root = XDocument.Parse(FanChart.Render(FanChartSamples.Baseline())).Root!;
        var ticks = Texts(root).Where(t => t.Anchor == "middle").ToDictionary(t => t.Text, t => t.X);

        var retirement = root.Descendants(S + "line").Single(e => (string?)e.Attribute("stroke") == FanChart.RetirementColor);
        var rmd = root.Descendants(S + "line").Single(e => (string?)e.Attribute("stroke") == FanChart.RmdColor);
        Assert.Equal(ticks["65"], (double)retirement.Attribute("x1")!, 2);
        Assert.Equal(ticks["75"], (double)rmd.Attribute("x1")!, 2);
        Assert.Contains(Texts(root), t => t.Text == "retirement at 65");
        Assert.Contains(Texts(root), t => t.Text == "first RMD at 75");
    }

    [Fact]
    public void Markers_AtTheSameAge_GetLabelsOnSeparateLines()
    {
        var root = XDocument.Parse(FanChart.Render(FanChartSamples.Baseline(retirementAge: 75))).Root!;

        var retirement = Texts(root).Single(t => t.Text == "retirement at 75");
        var rmd = Texts(root).Single(t => t.Text == "first RMD at 75");
        Assert.True(Math.Abs(retirement.Y - rmd.Y) >= 14, $"labels at y {retirement.Y} and {rmd.Y} overlap");
    }

    [Fact]
    public void Render_IgnoresTheCurrentCulture()
    {
        string invariant = FanChart.Render(FanChartSamples.Baseline());
        var before = CultureInfo.CurrentCulture;
        try
        {
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            comma.NumberFormat.NumberGroupSeparator = ".";
            comma.NumberFormat.PercentDecimalSeparator = ",";
            CultureInfo.CurrentCulture = comma;

            Assert.Equal(invariant, FanChart.Render(FanChartSamples.Baseline()));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void Render_EscapesTheScenarioName()
    {
        string text = FanChart.Render(FanChartSamples.Baseline(name: "a<b&c"));

        Assert.Equal("a<b&c — 87.3% of paths never run out", (string?)XDocument.Parse(text).Root!.Element(S + "title"));
    }

    [Fact]
    public async Task WriteAsync_WritesTheRenderedChart_AndLeavesNoTemporaryFile()
    {
        string dir = Directory.CreateTempSubdirectory("sim-fan-").FullName;
        var r = FanChartSamples.Baseline();

        await FanChart.WriteAsync(Path.Combine(dir, FanChart.FileName), r, CancellationToken.None);

        Assert.Equal([FanChart.FileName], Directory.GetFiles(dir).Select(Path.GetFileName));
        Assert.Equal(FanChart.Render(r), await File.ReadAllTextAsync(Path.Combine(dir, FanChart.FileName)));
        Directory.Delete(dir, true);
    }

    private sealed record Label(string Text, double X, double Y, string Anchor);

    private static List<Label> Texts(XElement root) => root.Descendants(S + "text")
        .Select(e => new Label(e.Value, (double)e.Attribute("x")!, (double)e.Attribute("y")!, (string?)e.Attribute("text-anchor") ?? "start"))
        .ToList();

    private static (double X, double Y)[] Points(XElement e) => ((string)e.Attribute("points")!)
        .Split(' ')
        .Select(p => p.Split(','))
        .Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture)))
        .ToArray();

    /// <summary>Pixel y to dollars, from the grid lines and their tick labels (no layout constant assumed).</summary>
    private static Func<double, double> YAxis(XElement root)
    {
        var grid = root.Descendants(S + "line").Where(e => (string?)e.Attribute("stroke") == "#e3e3e3")
            .Select(e => (double)e.Attribute("y1")!).ToArray();
        double y0 = grid.Max(), y1 = grid.Min(); // $0 at the bottom, the top tick ($2,000,000) at the top
        double top = 2_000_000;
        return y => (y0 - y) / (y0 - y1) * top;
    }
}
