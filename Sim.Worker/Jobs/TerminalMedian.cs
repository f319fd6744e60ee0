using System.Globalization;
using Parquet.Serialization;

namespace Sim.Worker.Jobs;

/// <summary>
/// Reads the median terminal balance of a run from its <c>percentiles.parquet</c> (spec 10: columns
/// <c>year, metric, percentile, value</c>): the value of metric <c>balance</c> at percentile 50 in the last year.
/// Null when the run did not ask for the 50th percentile.
/// </summary>
public static class TerminalMedian
{
    /// <summary>The percentiles file of a run folder.</summary>
    public const string PercentilesFile = "percentiles.parquet";

    /// <summary>Reads the median terminal balance from <paramref name="percentilesPath"/>.</summary>
    public static async Task<double?> ReadAsync(string percentilesPath, CancellationToken cancellationToken)
    {
        if (!File.Exists(percentilesPath))
        {
            return null;
        }

        await using var stream = File.OpenRead(percentilesPath);
        var table = await ParquetSerializer.DeserializeUntypedAsync(stream, cancellationToken: cancellationToken);
        double? best = null;
        var bestYear = int.MinValue;
        foreach (var row in table.Data)
        {
            if (row.TryGetValue("metric", out var metric) && metric as string == "balance"
                && row.TryGetValue("percentile", out var percentile) && Convert.ToDouble(percentile, CultureInfo.InvariantCulture) == 50.0
                && row.TryGetValue("year", out var yearValue) && row.TryGetValue("value", out var value) && value is not null)
            {
                var year = Convert.ToInt32(yearValue, CultureInfo.InvariantCulture);
                if (year > bestYear)
                {
                    bestYear = year;
                    best = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                }
            }
        }

        return best;
    }
}
