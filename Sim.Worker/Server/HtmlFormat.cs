using System.Globalization;
using System.Net;
using Sim.Worker.Output;

namespace Sim.Worker.Server;

/// <summary>
/// Encoding and number formats of the results page. Every number in the invariant culture; every string that
/// is not a literal of the page goes through <see cref="Encode"/>.
/// </summary>
public static class HtmlFormat
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>HTML-encodes text for element content and double-quoted attribute values (&lt; &gt; &amp; " ').</summary>
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>Whole dollars with thousands separators: <c>$1,234,568</c> (<see cref="Units.Money(double)"/>).</summary>
    public static string Dollars(double value) => Units.Money(value);

    /// <summary>A share as a percentage with one decimal (<see cref="Units.Percent"/>): 0.8733 is <c>87.3%</c>.</summary>
    public static string Percent(double share) => Units.Percent(share);

    /// <summary>A percentile level as a row heading: 10 is <c>p10</c>, 2.5 is <c>p2.5</c>.</summary>
    public static string Level(double level) => "p" + level.ToString("0.###", Inv);

    /// <summary>An integer with thousands separators.</summary>
    public static string Count(long value) => value.ToString("N0", Inv);

    /// <summary>Seconds with up to two decimals.</summary>
    public static string Seconds(double seconds) => seconds.ToString("0.##", Inv) + " s";

    /// <summary>A file size: bytes, KiB or MiB.</summary>
    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString(Inv) + " B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", Inv) + " KiB",
        _ => (bytes / (1024.0 * 1024.0)).ToString("0.#", Inv) + " MiB",
    };

    /// <summary>An instant in UTC, to the second: <c>2026-03-10 14:05:09 UTC</c>.</summary>
    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", Inv) + " UTC";
}
