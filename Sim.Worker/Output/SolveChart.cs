using System.Globalization;
using Sim.Engine.Analysis;
using Sim.Worker.Analysis;
using Sim.Worker.Output.Charts;

namespace Sim.Worker.Output;

/// <summary>
/// solve.svg: every trial of a solve as a dot (the value tried against the figure it reached), the target as a
/// dashed line and the answer as a larger ringed dot, so a reader sees the search close in on the step where the
/// target stops being met.
/// </summary>
public static class SolveChart
{
    /// <summary>The chart's file name in a solve's result folder.</summary>
    public const string FileName = "solve.svg";

    /// <summary>Width in pixels.</summary>
    public const int Width = 960;

    /// <summary>Height in pixels.</summary>
    public const int Height = 540;

    /// <summary>Colour of a trial that meets the target.</summary>
    public const string MeetsColor = "#2171b5";

    /// <summary>Colour of a trial that misses the target.</summary>
    public const string MissesColor = "#cb181d";

    /// <summary>Colour of the target line.</summary>
    public const string TargetColor = "#555555";

    private const double Left = 110, Right = 40, Top = 90, Bottom = 66;

    /// <summary>The SVG of solve <paramref name="r"/> for <paramref name="scenario"/>: each trial's figure against its value, the target line and the answer.</summary>
    public static string Render(SolveResult r, string scenario)
    {
        var inv = CultureInfo.InvariantCulture;
        var values = r.Trials.Select(t => t.Value).ToList();
        var figures = r.Trials.Select(t => t.Achieved).Append(r.Target.Value).ToList();
        var xs = NiceScale.For(values.Min(), values.Max(), 6);
        var ys = r.Target.Kind == TargetKind.Success
            ? NiceScale.For(Math.Max(0, figures.Min() - 0.02), Math.Min(1, figures.Max() + 0.02), 6)
            : NiceScale.For(Math.Min(0, figures.Min()), figures.Max(), 6);
        double X(double v) => Left + ((v - xs.Min) / (xs.Max - xs.Min) * (Width - Left - Right));
        double Y(double v) => Height - Bottom - ((v - ys.Min) / (ys.Max - ys.Min) * (Height - Bottom - Top));
        string Figure(double v) => r.Target.Kind == TargetKind.Success ? AnalysisText.Percent(v) : MoneyFormat.AxisLabel(v, Math.Abs(ys.Max), ys.Step);

        string title = $"{scenario}: {r.Field} for {AnalysisText.Target(r.Target)}";
        var svg = new Svg();
        svg.Raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.Raw($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" " +
                "font-family=\"sans-serif\" role=\"img\">\n");
        svg.Raw($"<title>{Svg.Escape(title)}</title>\n<desc>{Svg.Escape(AnalysisText.Solve(r))}</desc>\n");
        svg.Rect(0, 0, Width, Height, "#ffffff");
        svg.Text(Left, 34, title, 20, weight: "bold", fill: "#111111");
        svg.Text(Left, 58, string.Create(inv, $"{r.Trials.Count} trials on the same {r.Paths:N0} paths (seed {r.Seed}) · blue meets the target, red does not"),
            13, fill: "#555555");

        foreach (double tick in ys.Ticks)
        {
            svg.Line(Left, Y(tick), Width - Right, Y(tick), "#e3e3e3", 1);
            svg.Text(Left - 10, Y(tick) + 4.5, Figure(tick), 12.5, anchor: "end", fill: "#333333");
        }

        foreach (double tick in xs.Ticks)
        {
            svg.Line(X(tick), Height - Bottom, X(tick), Height - Bottom + 6, "#333333", 1);
            string label = r.Kind == ValueKind.Money ? MoneyFormat.AxisLabel(tick, Math.Abs(xs.Max), xs.Step) : AnalysisText.Value(r.Kind, tick);
            svg.Text(X(tick), Height - Bottom + 22, label, 12.5, anchor: "middle", fill: "#333333");
        }

        svg.Line(Left, Height - Bottom, Width - Right, Height - Bottom, "#333333", 1);
        svg.Line(Left, Top, Left, Height - Bottom, "#333333", 1);
        svg.Line(Left, Y(r.Target.Value), Width - Right, Y(r.Target.Value), TargetColor, 1.5, "7 5");
        svg.Text(Width - Right - 4, Y(r.Target.Value) - 6, "target " + Figure(r.Target.Value), 12.5, anchor: "end", fill: TargetColor);
        foreach (var t in r.Trials)
        {
            svg.Raw($"<circle class=\"trial\" cx=\"{Svg.N(X(t.Value))}\" cy=\"{Svg.N(Y(t.Achieved))}\" r=\"5\" fill=\"{(t.Meets ? MeetsColor : MissesColor)}\"/>\n");
        }

        if (r.Value is { } answer)
        {
            var at = r.Trials.First(t => t.Value == answer);
            svg.Raw($"<circle class=\"answer\" cx=\"{Svg.N(X(answer))}\" cy=\"{Svg.N(Y(at.Achieved))}\" r=\"10\" fill=\"none\" stroke=\"#111111\" stroke-width=\"2\"/>\n");
            bool flip = X(answer) > Width - 300;
            svg.Text(flip ? X(answer) - 14 : X(answer) + 14, Y(at.Achieved) + 22, "answer " + AnalysisText.Value(r.Kind, answer), 13.5,
                anchor: flip ? "end" : "start", fill: "#111111", weight: "bold");
        }

        svg.Text((Left + Width - Right) / 2, Height - 16, r.Field, 14, anchor: "middle", fill: "#222222");
        svg.Text(26, (Top + Height - Bottom) / 2, r.Target.Kind == TargetKind.Success ? "Probability of success" : "Median terminal balance (today's dollars)",
            14, anchor: "middle", fill: "#222222", rotate: -90);
        svg.Raw("</svg>\n");
        return svg.ToString();
    }
}
