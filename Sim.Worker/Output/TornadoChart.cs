using System.Globalization;
using Sim.Engine.Analysis;
using Sim.Worker.Analysis;
using Sim.Worker.Output.Charts;

namespace Sim.Worker.Output;

/// <summary>
/// tornado.svg: one horizontal bar per input, sorted by the swing in success (largest on top). Each bar runs from
/// the success at the input's low value to the success at its high value, split at the scenario's own success (the
/// vertical line); the low side and the high side have their own colour, and each end is labelled with the value.
/// </summary>
public static class TornadoChart
{
    /// <summary>The chart's file name in a sensitivity's result folder.</summary>
    public const string FileName = "tornado.svg";
    /// <summary>Width in pixels; the height grows with the rows (<see cref="HeightFor"/>).</summary>
    public const int Width = 960;
    /// <summary>Colour of the bar at an input's low value.</summary>
    public const string LowColor = "#6baed6";
    /// <summary>Colour of the bar at an input's high value.</summary>
    public const string HighColor = "#fd8d3c";
    /// <summary>Colour of the base-case line.</summary>
    public const string BaseColor = "#08306b";

    private const double Left = 250, Right = 60, Top = 110, RowHeight = 46, Bottom = 70;

    /// <summary>Height in pixels of a chart with <paramref name="rows"/> inputs.</summary>
    public static int HeightFor(int rows) => (int)(Top + (Math.Max(1, rows) * RowHeight) + Bottom);

    /// <summary>The SVG of sensitivity <paramref name="r"/>: one bar per input from its low to its high outcome around the base.</summary>
    public static string Render(SensitivityResult r)
    {
        var inv = CultureInfo.InvariantCulture;
        int height = HeightFor(r.Rows.Count);
        double plotBottom = height - Bottom;
        var all = r.Rows.SelectMany(x => new[] { x.AtLow.Success, x.AtHigh.Success }).Append(r.Base.Success).ToList();
        var scale = NiceScale.For(Math.Max(0, all.Min() - 0.02), Math.Min(1, all.Max() + 0.02), 6);
        double X(double p) => Left + ((p - scale.Min) / (scale.Max - scale.Min) * (Width - Left - Right));

        var svg = new Svg();
        svg.Raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.Raw($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" " +
                "font-family=\"sans-serif\" role=\"img\">\n");
        string title = $"{r.Scenario}: what moves the probability of success";
        svg.Raw($"<title>{Svg.Escape(title)}</title>\n<desc>{Svg.Escape(AnalysisText.Sensitivity(r))}</desc>\n");
        svg.Rect(0, 0, Width, height, "#ffffff");
        svg.Text(24, 34, title, 21, weight: "bold", fill: "#111111");
        svg.Text(24, 58, string.Create(inv, $"Success at each input's low and high value · {r.Paths:N0} paths · seed {r.Seed} · same paths for every bar"),
            13, fill: "#555555");
        svg.Rect(24, 72, 18, 12, LowColor);
        svg.Text(48, 82, "low value", 12.5, fill: "#333333");
        svg.Rect(140, 72, 18, 12, HighColor);
        svg.Text(164, 82, "high value", 12.5, fill: "#333333");
        svg.Line(260, 78, 282, 78, BaseColor, 3);
        svg.Text(288, 82, $"as given: {AnalysisText.Percent(r.Base.Success)}", 12.5, fill: "#333333");

        foreach (double tick in scale.Ticks)
        {
            double x = X(tick);
            svg.Line(x, Top - 6, x, plotBottom, "#e3e3e3", 1);
            svg.Text(x, plotBottom + 20, AnalysisText.Percent(tick).Replace(".0%", "%", StringComparison.Ordinal), 12.5,
                anchor: "middle", fill: "#333333");
        }

        svg.Text((Left + Width - Right) / 2, height - 20, "Probability of success", 14, anchor: "middle", fill: "#222222");
        double xb = X(r.Base.Success);
        for (int i = 0; i < r.Rows.Count; i++)
        {
            var row = r.Rows[i];
            double yMid = Top + (i * RowHeight) + (RowHeight / 2);
            double barTop = yMid - 13;
            svg.Text(Left - 12, yMid - 2, row.Label, 13.5, anchor: "end", fill: "#111111", weight: "bold");
            svg.Text(Left - 12, yMid + 14, $"swing {(row.Swing * 100).ToString("0.0", inv)} points", 11.5, anchor: "end", fill: "#555555");
            foreach (var (success, value, color, isHigh) in new[]
                     {
                         (row.AtLow.Success, row.Low, LowColor, false), (row.AtHigh.Success, row.High, HighColor, true),
                     })
            {
                double x = X(success);
                svg.Rect(Math.Min(x, xb), barTop, Math.Max(1.5, Math.Abs(x - xb)), 26, color);
                // A bar of no length (the input changes nothing) keeps its label on its own side: low left, high right.
                bool right = Math.Abs(x - xb) < 1 ? isHigh : x > xb;
                svg.Text(right ? Math.Max(x, xb + 1.5) + 5 : x - 5, yMid + 4.5, AnalysisText.Value(row.Kind, value), 12,
                    anchor: right ? "start" : "end", fill: "#333333");
            }
        }

        svg.Line(xb, Top - 10, xb, plotBottom, BaseColor, 2.5);
        svg.Raw("</svg>\n");
        return svg.ToString();
    }
}
