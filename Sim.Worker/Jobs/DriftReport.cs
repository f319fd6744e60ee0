using System.Globalization;
using Parquet.Serialization;
using Sim.Engine;
using Sim.Worker.Output;

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
                Seed = result.Seed is { } seed ? unchecked((long)seed) : null,
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
                    reasons.Add($"success {Units.Percent(old.SuccessProbability ?? double.NaN)} -> {Units.Percent(result.SuccessProbability ?? double.NaN)} " +
                                $"({Units.PointChange(ds)}, threshold {Units.PointChange(successThreshold).TrimStart('+')})");
                }

                if (row.MedianTerminalBalanceChange is { } db && Math.Abs(db) > balanceThreshold)
                {
                    reasons.Add($"median terminal balance, nominal dollars {Units.Money(old.MedianTerminalBalance ?? 0)} -> " +
                                $"{Units.Money(result.MedianTerminalBalance ?? 0)} ({Units.RelativeChange(db)}, threshold {Units.RelativeChange(balanceThreshold).TrimStart('+')})");
                }

                if (reasons.Count > 0)
                {
                    // Say what else changed since that night: a move that comes with new inputs is not the market's.
                    reasons.InsertRange(0, InputChanges(old, row));
                }
            }

            row.Flagged = reasons.Count > 0;
            row.Reason = string.Join("; ", reasons);
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>
    /// The inputs that differ from the previous night's row: path count, seed, engine version (each compared only
    /// when both nights recorded it).
    /// </summary>
    public static IReadOnlyList<string> InputChanges(DriftRow before, DriftRow tonight)
    {
        var changes = new List<string>();
        if (before.Paths is { } p0 && tonight.Paths is { } p1 && p0 != p1)
        {
            changes.Add($"paths changed {Units.Count(p0)} -> {Units.Count(p1)}");
        }

        if (before.Seed is { } s0 && tonight.Seed is { } s1 && s0 != s1)
        {
            changes.Add($"seed changed {unchecked((ulong)s0).ToString(CultureInfo.InvariantCulture)} -> {unchecked((ulong)s1).ToString(CultureInfo.InvariantCulture)}");
        }

        if (before.EngineVersion is { Length: > 0 } e0 && tonight.EngineVersion is { Length: > 0 } e1 && e0 != e1)
        {
            changes.Add($"engine version changed {e0} -> {e1}");
        }

        return changes;
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
        var temp = AtomicFile.TemporarySibling(path);
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
