using System.Globalization;
using Parquet.Serialization;
using Sim.Engine;

namespace Sim.Worker.Jobs;

/// <summary>
/// Builds, writes and reads <c>drift.parquet</c>. A row is flagged when the success probability moved by more
/// than the absolute threshold, or the median terminal balance by more than the relative threshold, since the
/// latest earlier night that has a drift file (not necessarily yesterday: a skipped night is skipped over), or
/// when the case failed tonight. Each night's file carries that night's own numbers, so it is also the next
/// night's baseline.
/// </summary>
public static class DriftReport
{
    /// <summary>File name inside a date partition.</summary>
    public const string FileName = "drift.parquet";

    /// <summary>Partition folder name of one night: <c>date=YYYY-MM-DD</c>.</summary>
    public static string PartitionName(DateOnly night) => "date=" + Format(night);

    /// <summary>YYYY-MM-DD.</summary>
    public static string Format(DateOnly night) => night.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Compares tonight's results with a previous night's rows.</summary>
    public static IReadOnlyList<DriftRow> Compare(DateOnly night, IReadOnlyList<StressCaseResult> tonight,
        (DateOnly Night, IReadOnlyList<DriftRow> Rows)? previous, double successThreshold, double balanceThreshold)
    {
        var before = previous?.Rows.Where(r => r.Status == StressCaseResult.Ok)
            .ToDictionary(r => (r.Scenario, r.Stress)) ?? [];
        var rows = new List<DriftRow>(tonight.Count);
        foreach (var result in tonight)
        {
            var row = new DriftRow
            {
                Night = Format(night),
                Scenario = result.Scenario,
                Stress = result.Stress,
                Status = result.Status,
                Paths = result.Paths,
                EngineVersion = EngineInfo.Version,
                SuccessProbability = result.SuccessProbability,
                MedianTerminalBalance = result.MedianTerminalBalance,
                SuccessThreshold = successThreshold,
                BalanceThreshold = balanceThreshold,
            };
            var reasons = new List<string>();
            if (result.Status != StressCaseResult.Ok)
            {
                reasons.Add("no result tonight: " + result.Status);
            }
            else if (previous is { } p && before.TryGetValue((result.Scenario, result.Stress), out var old))
            {
                row.PreviousNight = Format(p.Night);
                row.PreviousSuccessProbability = old.SuccessProbability;
                row.PreviousMedianTerminalBalance = old.MedianTerminalBalance;
                row.SuccessProbabilityChange = result.SuccessProbability - old.SuccessProbability;
                row.MedianTerminalBalanceChange = old.MedianTerminalBalance is > 0 or < 0
                    ? result.MedianTerminalBalance / old.MedianTerminalBalance - 1
                    : null;
                if (row.SuccessProbabilityChange is { } ds && Math.Abs(ds) > successThreshold)
                {
                    reasons.Add(string.Create(CultureInfo.InvariantCulture,
                        $"success probability {old.SuccessProbability:0.####} -> {result.SuccessProbability:0.####} (change {ds:+0.####;-0.####}, threshold {successThreshold})"));
                }

                if (row.MedianTerminalBalanceChange is { } db && Math.Abs(db) > balanceThreshold)
                {
                    reasons.Add(string.Create(CultureInfo.InvariantCulture,
                        $"median terminal balance {old.MedianTerminalBalance:0.##} -> {result.MedianTerminalBalance:0.##} (change {db:+0.####%;-0.####%}, threshold {balanceThreshold:0.####%})"));
                }
            }

            row.Flagged = reasons.Count > 0;
            row.Reason = string.Join("; ", reasons);
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The latest night before <paramref name="night"/> under <paramref name="nightlyRoot"/> that has a drift file.</summary>
    public static DateOnly? FindPreviousNight(string nightlyRoot, DateOnly night)
    {
        if (!Directory.Exists(nightlyRoot))
        {
            return null;
        }

        DateOnly? best = null;
        foreach (var folder in Directory.EnumerateDirectories(nightlyRoot, "date=*"))
        {
            var name = Path.GetFileName(folder)["date=".Length..];
            if (DateOnly.TryParseExact(name, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                && d < night && (best is null || d > best) && File.Exists(Path.Combine(folder, FileName)))
            {
                best = d;
            }
        }

        return best;
    }

    /// <summary>Writes the rows to <paramref name="path"/> through a temporary name and a rename.</summary>
    public static async Task WriteAsync(string path, IReadOnlyList<DriftRow> rows, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = AtomicText.TempSibling(path);
        try
        {
            var metadata = new Dictionary<string, string> { ["engine_version"] = EngineInfo.Version };
            await ParquetSerializer.SerializeAsync(rows, temp, customMetadata: metadata, cancellationToken: cancellationToken);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp); // no-op once renamed
        }
    }

    /// <summary>Reads a drift file.</summary>
    public static async Task<IReadOnlyList<DriftRow>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var result = await ParquetSerializer.DeserializeAsync<DriftRow>(path, cancellationToken: cancellationToken);
        return result.Data.ToList();
    }
}
