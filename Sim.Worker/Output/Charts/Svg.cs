using System.Globalization;
using System.Text;

namespace Sim.Worker.Output.Charts;

/// <summary>
/// A minimal SVG text builder: coordinates rounded to 0.01 px in invariant culture and text escaped for XML.
/// It writes only static shapes and text (no scripts, no external references), so the file renders the same in
/// a browser, an image viewer or a notebook.
/// </summary>
public sealed class Svg
{
    private readonly StringBuilder _text = new();

    /// <summary>A coordinate or length as SVG wants it: invariant, at most two decimals, no exponent.</summary>
    public static string N(double v) => Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Text content or an attribute value with the XML special characters escaped.</summary>
    public static string Escape(string s) => s
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("'", "&apos;", StringComparison.Ordinal);

    /// <summary>Appends <paramref name="s"/> as is (already valid SVG markup: the caller escapes).</summary>
    public Svg Raw(string s)
    {
        _text.Append(s);
        return this;
    }

    /// <summary>A line from (x1, y1) to (x2, y2) in user units; <paramref name="dash"/> is an SVG stroke-dasharray, null for solid.</summary>
    public Svg Line(double x1, double y1, double x2, double y2, string stroke, double width, string? dash = null)
    {
        _text.Append($"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{stroke}\" " +
                     $"stroke-width=\"{N(width)}\"");
        if (dash is not null)
        {
            _text.Append($" stroke-dasharray=\"{dash}\"");
        }

        _text.Append("/>\n");
        return this;
    }

    /// <summary>A rectangle with its top-left corner at (x, y) in user units; no outline when <paramref name="stroke"/> is null.</summary>
    public Svg Rect(double x, double y, double width, double height, string fill, string? stroke = null)
    {
        _text.Append($"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(width)}\" height=\"{N(height)}\" fill=\"{fill}\"");
        if (stroke is not null)
        {
            _text.Append($" stroke=\"{stroke}\"");
        }

        _text.Append("/>\n");
        return this;
    }

    /// <summary>A closed, filled polygon (no outline).</summary>
    public Svg Polygon(IEnumerable<(double X, double Y)> points, string fill, string? cssClass = null)
    {
        _text.Append("<polygon");
        if (cssClass is not null)
        {
            _text.Append($" class=\"{cssClass}\"");
        }

        _text.Append($" fill=\"{fill}\" stroke=\"none\" points=\"");
        _text.Append(string.Join(' ', points.Select(p => N(p.X) + "," + N(p.Y))));
        _text.Append("\"/>\n");
        return this;
    }

    /// <summary>An open polyline (no fill).</summary>
    public Svg Polyline(IEnumerable<(double X, double Y)> points, string stroke, double width, string? cssClass = null)
    {
        _text.Append("<polyline");
        if (cssClass is not null)
        {
            _text.Append($" class=\"{cssClass}\"");
        }

        _text.Append($" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{N(width)}\" stroke-linejoin=\"round\" " +
                     "stroke-linecap=\"round\" points=\"");
        _text.Append(string.Join(' ', points.Select(p => N(p.X) + "," + N(p.Y))));
        _text.Append("\"/>\n");
        return this;
    }

    /// <summary>A text element at (x, y), in user units of the drawing.</summary>
    /// <param name="x">The anchor point's x.</param>
    /// <param name="y">The baseline's y.</param>
    /// <param name="text">The text, escaped here.</param>
    /// <param name="size">Font size in user units.</param>
    /// <param name="anchor">start, middle or end.</param>
    /// <param name="fill">Text colour.</param>
    /// <param name="weight">CSS font weight (normal, bold).</param>
    /// <param name="rotate">Degrees about (x, y), e.g. -90 for a vertical axis title.</param>
    public Svg Text(double x, double y, string text, double size, string anchor = "start", string fill = "#222222",
        string weight = "normal", double rotate = 0)
    {
        _text.Append($"<text x=\"{N(x)}\" y=\"{N(y)}\" font-size=\"{N(size)}\" text-anchor=\"{anchor}\" fill=\"{fill}\"");
        if (weight != "normal")
        {
            _text.Append($" font-weight=\"{weight}\"");
        }

        if (rotate != 0)
        {
            _text.Append($" transform=\"rotate({N(rotate)} {N(x)} {N(y)})\"");
        }

        _text.Append('>').Append(Escape(text)).Append("</text>\n");
        return this;
    }

    /// <summary>The markup appended so far.</summary>
    public override string ToString() => _text.ToString();
}
