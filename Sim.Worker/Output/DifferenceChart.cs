using System.Globalization;
using Sim.Engine.Analysis;
using Sim.Engine.Simulation;
using Sim.Worker.Output.Charts;

namespace Sim.Worker.Output;

/// <summary>
/// difference.svg: the fan of B − A in real balance on the same path, by age: the 5–95, 10–90 and 25–75 bands of
/// the paired difference, its median as a line, and a zero line (above it B is ahead). The same bands and colours as
/// <see cref="FanChart"/>.
/// </summary>
public static class DifferenceChart
{
    /// <summary>The chart's file name in a comparison's result folder.</summary>
    public const string FileName = "difference.svg";

    /// <summary>Width in pixels: the fan chart's, so the two line up.</summary>
    public const int Width = FanChart.Width;

    /// <summary>Height in pixels: the fan chart's.</summary>
    public const int Height = FanChart.Height;

    /// <summary>Colour of the zero line (no difference).</summary>
    public const string ZeroColor = "#d62728";

    private const double Left = 104, Right = 36, Top = 96, Bottom = 66;

    /// <summary>The SVG of pair <paramref name="p"/> of comparison <paramref name="c"/>: B − A by age, bands and median.</summary>
    public static string Render(ComparisonResult c, PairComparison p)
    {
        var inv = CultureInfo.InvariantCulture;
        var levels = DifferenceStatistics.Levels.ToList();
        int metric = (int)Metric.BalanceReal;
        int years = c.Ages.Length;
        double V(int t, int j) => p.Statistics[metric, t, j];
        var bands = FanChart.Bands.Select(b => (Band: b, Lo: levels.IndexOf(b.Lower), Hi: levels.IndexOf(b.Upper)))
            .Where(b => b.Lo >= 0 && b.Hi >= 0).ToList();
        int median = levels.IndexOf(50);

        double min = 0, max = 0;
        for (int t = 0; t < years; t++)
        {
            for (int j = 0; j < levels.Count; j++)
            {
                min = Math.Min(min, V(t, j));
                max = Math.Max(max, V(t, j));
            }
        }

        if (max - min < 1)
        {
            max = min + 1000;
        }

        var y = NiceScale.For(min, max, 6);
        int ageMin = c.Ages[0], ageMax = c.Ages[^1];
        double X(double age) => Left + ((age - ageMin) / Math.Max(1, ageMax - ageMin) * (Width - Left - Right));
        double Y(double v) => Height - Bottom - ((v - y.Min) / (y.Max - y.Min) * (Height - Bottom - Top));

        string a = c.Scenarios[p.A], b = c.Scenarios[p.B];
        string title = $"{b} − {a}: real balance on the same path";
        var svg = new Svg();
        svg.Raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.Raw($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" " +
                "font-family=\"sans-serif\" role=\"img\">\n");
        svg.Raw($"<title>{Svg.Escape(title)}</title>\n<desc>{Svg.Escape(Sim.Worker.Analysis.AnalysisText.Compare(c, p))}</desc>\n");
        svg.Rect(0, 0, Width, Height, "#ffffff");
        svg.Text(Left, 34, title, 21, weight: "bold", fill: "#111111");
        svg.Text(Left, 58, string.Create(inv,
            $"Difference in {c.Years[0]} dollars by age · above zero {b} is ahead · {c.Paths:N0} paths · seed {c.Seed}"), 13, fill: "#555555");
        double lx = Left;
        foreach (var (band, _, _) in bands)
        {
            svg.Rect(lx, 70, 18, 12, band.Color);
            svg.Text(lx + 24, 80, band.Label, 12.5, fill: "#333333");
            lx += 24 + (band.Label.Length * 6.9) + 18;
        }

        svg.Line(lx, 76, lx + 22, 76, FanChart.MedianColor, 3);
        svg.Text(lx + 28, 80, "median", 12.5, fill: "#333333");

        double absMax = Math.Max(Math.Abs(y.Min), Math.Abs(y.Max));
        foreach (double tick in y.Ticks)
        {
            svg.Line(Left, Y(tick), Width - Right, Y(tick), "#e3e3e3", 1);
            svg.Text(Left - 10, Y(tick) + 4.5, MoneyFormat.AxisLabel(tick, absMax, y.Step), 12.5, anchor: "end", fill: "#333333");
        }

        foreach (var (band, lo, hi) in bands)
        {
            var upper = Enumerable.Range(0, years).Select(t => (X(c.Ages[t]), Y(V(t, hi))));
            var lower = Enumerable.Range(0, years).Reverse().Select(t => (X(c.Ages[t]), Y(V(t, lo))));
            svg.Polygon(upper.Concat(lower), band.Color, string.Create(inv, $"band band-{band.Lower:0.#}-{band.Upper:0.#}"));
        }

        if (median >= 0)
        {
            svg.Polyline(Enumerable.Range(0, years).Select(t => (X(c.Ages[t]), Y(V(t, median)))), FanChart.MedianColor, 3, "median");
        }

        svg.Line(Left, Math.Round(Y(0)), Width - Right, Math.Round(Y(0)), ZeroColor, 2, "7 5");
        svg.Line(Left, Height - Bottom, Width - Right, Height - Bottom, "#333333", 1);
        svg.Line(Left, Top, Left, Height - Bottom, "#333333", 1);
        for (int age = (int)Math.Ceiling(ageMin / 5.0) * 5; age <= ageMax; age += 5)
        {
            svg.Line(X(age), Height - Bottom, X(age), Height - Bottom + 6, "#333333", 1);
            svg.Text(X(age), Height - Bottom + 22, age.ToString(inv), 12.5, anchor: "middle", fill: "#333333");
        }

        svg.Text((Left + Width - Right) / 2, Height - 16, $"Age ({a})", 14, anchor: "middle", fill: "#222222");
        svg.Text(24, (Top + Height - Bottom) / 2, string.Create(inv, $"{b} − {a} ({c.Years[0]} dollars)"), 14,
            anchor: "middle", fill: "#222222", rotate: -90);
        svg.Raw("</svg>\n");
        return svg.ToString();
    }
}
