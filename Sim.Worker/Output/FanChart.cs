using System.Globalization;
using System.Text;
using Sim.Engine.Scenarios;
using Sim.Engine.Simulation;
using Sim.Worker.Output.Charts;

namespace Sim.Worker.Output;

/// <summary>
/// fan.svg: the picture of a run an advisor would show a client. Percentile bands (5-95, 10-90, 25-75) of the
/// balance in today's dollars by age, the median as a line, labelled vertical lines at the retirement age and the
/// first RMD age, and the success probability in the title. A self-contained SVG (no scripts, no external fonts
/// or images) with explicit width, height and viewBox, so it opens the same in a browser, an image viewer, a
/// notebook or a pull request.
/// </summary>
public static class FanChart
{
    /// <summary>The chart's file name in a run's output folder.</summary>
    public const string FileName = "fan.svg";
    /// <summary>Width in pixels.</summary>
    public const int Width = 960;
    /// <summary>Height in pixels.</summary>
    public const int Height = 600;

    /// <summary>Band fills, outermost first; opaque so that each band shows as one exact colour.</summary>
    public static readonly IReadOnlyList<Band> Bands =
    [
        new(5, 95, "#c6dbef"),
        new(10, 90, "#9ecae1"),
        new(25, 75, "#6baed6"),
    ];

    /// <summary>Colour of the median line.</summary>
    public const string MedianColor = "#08306b";
    /// <summary>Colour of the retirement-age marker.</summary>
    public const string RetirementColor = "#d62728";
    /// <summary>Colour of the first-RMD-age marker.</summary>
    public const string RmdColor = "#e6550d";

    private const double Left = 104, Right = 36, Top = 96, Bottom = 66;
    private const double PlotLeft = Left, PlotRight = Width - Right, PlotTop = Top, PlotBottom = Height - Bottom;

    /// <summary>A shaded band between two percentile levels.</summary>
    public sealed record Band(double Lower, double Upper, string Color)
    {
        /// <summary>The legend text, e.g. "5–95th percentile".</summary>
        public string Label => string.Create(CultureInfo.InvariantCulture, $"{Lower:0.#}–{Upper:0.#}th percentile");
    }

    /// <summary>Writes fan.svg through a temporary name and a rename (<see cref="AtomicFile"/>).</summary>
    public static Task WriteAsync(string path, SimulationResult r, CancellationToken ct)
    {
        string svg = Render(r);
        return AtomicFile.WriteAsync(path, async s =>
        {
            byte[] bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(svg);
            await s.WriteAsync(bytes, ct);
        }, ct);
    }

    /// <summary>The chart as SVG text. Bands whose two levels are not both in <see cref="SimulationResult.Levels"/>
    /// are left out, and so is the median line when 50 is not a level.</summary>
    public static string Render(SimulationResult r)
    {
        var inv = CultureInfo.InvariantCulture;
        int years = r.Ages.Length;
        int metric = (int)Metric.BalanceReal;
        double Value(int t, int level) => r.Percentiles[metric, t, level];

        var bands = Bands
            .Select(b => (Band: b, Lo: LevelIndex(r, b.Lower), Hi: LevelIndex(r, b.Upper)))
            .Where(b => b.Lo >= 0 && b.Hi >= 0)
            .ToList();
        int median = LevelIndex(r, 50);

        // Vertical range: what is drawn, or every level when nothing of the usual set is there.
        var drawnLevels = bands.SelectMany(b => new[] { b.Lo, b.Hi }).ToList();
        if (median >= 0)
        {
            drawnLevels.Add(median);
        }

        if (drawnLevels.Count == 0)
        {
            drawnLevels.AddRange(Enumerable.Range(0, r.Levels.Count));
        }

        double dataMin = 0, dataMax = 0;
        for (int t = 0; t < years; t++)
        {
            foreach (int j in drawnLevels)
            {
                double v = Value(t, j);
                if (double.IsFinite(v))
                {
                    dataMin = Math.Min(dataMin, v);
                    dataMax = Math.Max(dataMax, v);
                }
            }
        }

        if (dataMax - dataMin < 1)
        {
            dataMax = dataMin + 1000; // every balance zero (or one value): still a readable dollar axis
        }

        var yScale = NiceScale.For(dataMin, dataMax, 6);
        int ageMin = r.Ages[0], ageMax = r.Ages[^1];
        double xSpan = Math.Max(1, ageMax - ageMin);
        double X(double age) => PlotLeft + ((age - ageMin) / xSpan * (PlotRight - PlotLeft));
        double Y(double v) => PlotBottom - ((v - yScale.Min) / (yScale.Max - yScale.Min) * (PlotBottom - PlotTop));

        string title = Title(r);
        int dollarsYear = r.Years[0];
        string subtitle = string.Create(inv,
            $"Account balance in {dollarsYear} dollars (today's dollars) by age · {r.Paths:N0} paths · seed {r.Seed}");

        var svg = new Svg();
        svg.Raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.Raw($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" " +
                $"viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" role=\"img\">\n");
        svg.Raw($"<title>{Svg.Escape(title)}</title>\n");
        svg.Raw($"<desc>{Svg.Escape(Description(r, median))}</desc>\n");
        svg.Rect(0, 0, Width, Height, "#ffffff");

        // Title, subtitle, legend.
        svg.Text(PlotLeft, 34, title, 21, weight: "bold", fill: "#111111");
        svg.Text(PlotLeft, 58, subtitle, 13, fill: "#555555");
        double lx = PlotLeft;
        const double legendY = 80;
        foreach (var (band, _, _) in bands)
        {
            svg.Rect(lx, legendY - 10, 18, 12, band.Color);
            svg.Text(lx + 24, legendY, band.Label, 12.5, fill: "#333333");
            lx += 24 + (band.Label.Length * 6.9) + 18;
        }

        if (median >= 0)
        {
            svg.Line(lx, legendY - 4, lx + 22, legendY - 4, MedianColor, 3);
            svg.Text(lx + 28, legendY, "median", 12.5, fill: "#333333");
        }

        // Grid and y axis labels.
        foreach (double tick in yScale.Ticks)
        {
            double y = Y(tick);
            svg.Line(PlotLeft, y, PlotRight, y, "#e3e3e3", 1);
            svg.Text(PlotLeft - 10, y + 4.5, MoneyFormat.AxisLabel(tick, Math.Max(Math.Abs(yScale.Min), Math.Abs(yScale.Max)), yScale.Step),
                12.5, anchor: "end", fill: "#333333");
        }

        // Bands, outermost first, then the median on top.
        foreach (var (band, lo, hi) in bands)
        {
            var upper = Enumerable.Range(0, years).Select(t => (X(r.Ages[t]), Y(Value(t, hi))));
            var lower = Enumerable.Range(0, years).Reverse().Select(t => (X(r.Ages[t]), Y(Value(t, lo))));
            svg.Polygon(upper.Concat(lower), band.Color,
                string.Create(inv, $"band band-{band.Lower:0.#}-{band.Upper:0.#}"));
        }

        if (median >= 0)
        {
            svg.Polyline(Enumerable.Range(0, years).Select(t => (X(r.Ages[t]), Y(Value(t, median)))), MedianColor, 3,
                "median");
        }

        // Axes and x ticks every five years of age.
        svg.Line(PlotLeft, PlotBottom, PlotRight, PlotBottom, "#333333", 1);
        svg.Line(PlotLeft, PlotTop, PlotLeft, PlotBottom, "#333333", 1);
        for (int age = (int)Math.Ceiling(ageMin / 5.0) * 5; age <= ageMax; age += 5)
        {
            double x = X(age);
            svg.Line(x, PlotBottom, x, PlotBottom + 6, "#333333", 1);
            svg.Text(x, PlotBottom + 22, age.ToString(inv), 12.5, anchor: "middle", fill: "#333333");
        }

        svg.Text((PlotLeft + PlotRight) / 2, Height - 16, "Age", 14, anchor: "middle", fill: "#222222");
        svg.Text(24, (PlotTop + PlotBottom) / 2, string.Create(inv, $"Balance ({dollarsYear} dollars)"), 14,
            anchor: "middle", fill: "#222222", rotate: -90);

        // Retirement and first RMD: labelled dashed verticals; a second label that would collide drops a line.
        var markers = new List<(int Age, string Label, string Color)>();
        var p = r.Scenario.Participant;
        markers.Add((p.RetirementAge, string.Create(inv, $"retirement at {p.RetirementAge}"), RetirementColor));
        int rmdAge = Milestones.Of(r.Scenario).FirstRmdAge;
        markers.Add((rmdAge, string.Create(inv, $"first RMD at {rmdAge}"), RmdColor));
        double previousLabelX = double.NegativeInfinity;
        int row = 0;
        foreach (var (age, label, color) in markers.OrderBy(m => m.Age))
        {
            if (age < ageMin || age > ageMax)
            {
                continue;
            }

            double x = X(age);
            svg.Line(x, PlotTop, x, PlotBottom, color, 2, "7 5");
            row = x - previousLabelX < 150 ? row + 1 : 0;
            previousLabelX = x;
            bool flip = x > PlotRight - 150;
            svg.Text(flip ? x - 6 : x + 6, PlotTop + 16 + (row * 17), label, 13, anchor: flip ? "end" : "start",
                fill: color, weight: "bold");
        }

        svg.Raw("</svg>\n");
        return svg.ToString();
    }

    /// <summary>"baseline — 87.3% of paths never run out" in the shared format (<see cref="Units.Percent"/>: never
    /// 100.0% while a path failed); for a strategy that cannot fail, says so.</summary>
    public static string Title(SimulationResult r) =>
        Units.CannotFail(r.Scenario.Withdrawals.Strategy.Name)
            ? $"{r.Scenario.Name} — {Units.CannotFailShort(r.Scenario.Withdrawals.Strategy.Name)}"
            : $"{r.Scenario.Name} — {Units.Percent(r.Summary.SuccessProbability)} of paths never run out";

    /// <summary>The index of a percentile level in r.Levels, or -1.</summary>
    public static int LevelIndex(SimulationResult r, double level)
    {
        for (int j = 0; j < r.Levels.Count; j++)
        {
            if (Math.Abs(r.Levels[j] - level) < 1e-9)
            {
                return j;
            }
        }

        return -1;
    }

    private static string Description(SimulationResult r, int median)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(inv, $"Fan chart of the real (start-year dollar) balance of {r.Paths} simulated paths, ages ");
        sb.Append(inv, $"{r.Ages[0]} to {r.Ages[^1]}.");
        if (median >= 0)
        {
            int last = r.Ages.Length - 1;
            sb.Append(inv, $" Median at age {r.Ages[last]}: ");
            sb.Append(MoneyFormat.Dollars(r.Percentiles[(int)Metric.BalanceReal, last, median])).Append('.');
        }

        return sb.ToString();
    }
}
