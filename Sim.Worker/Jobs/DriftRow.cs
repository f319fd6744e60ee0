using System.Text.Json.Serialization;

namespace Sim.Worker.Jobs;

/// <summary>
/// One row of <c>nightly/date=D/drift.parquet</c>: one scenario under one stress overlay tonight, compared with
/// the latest earlier night that has a drift file. Column names are snake_case.
/// </summary>
public sealed class DriftRow
{
    /// <summary>Tonight, YYYY-MM-DD (also the partition value).</summary>
    [JsonPropertyName("night")]
    public string Night { get; set; } = "";

    /// <summary>Scenario file stem.</summary>
    [JsonPropertyName("scenario")]
    public string Scenario { get; set; } = "";

    /// <summary>Overlay file stem, or <c>none</c> for the scenario as written.</summary>
    [JsonPropertyName("stress")]
    public string Stress { get; set; } = "";

    /// <summary><c>ok</c>, or why the case produced no result.</summary>
    [JsonPropertyName("status")]
    public string Status { get; set; } = "ok";

    /// <summary>Paths simulated.</summary>
    [JsonPropertyName("paths")]
    public int? Paths { get; set; }

    /// <summary>Seed used tonight (stored as a signed 64-bit column; null in files written before it was recorded).</summary>
    [JsonPropertyName("seed")]
    public long? Seed { get; set; }

    /// <summary>Engine version that computed tonight's numbers.</summary>
    [JsonPropertyName("engine_version")]
    public string EngineVersion { get; set; } = "";

    /// <summary>Tonight's probability of success.</summary>
    [JsonPropertyName("success_probability")]
    public double? SuccessProbability { get; set; }

    /// <summary>Tonight's median nominal balance at the end of the last simulated year.</summary>
    [JsonPropertyName("median_terminal_balance")]
    public double? MedianTerminalBalance { get; set; }

    /// <summary>The night compared with, YYYY-MM-DD; null on the first night.</summary>
    [JsonPropertyName("previous_night")]
    public string? PreviousNight { get; set; }

    /// <summary>That night's probability of success.</summary>
    [JsonPropertyName("previous_success_probability")]
    public double? PreviousSuccessProbability { get; set; }

    /// <summary>That night's median terminal balance.</summary>
    [JsonPropertyName("previous_median_terminal_balance")]
    public double? PreviousMedianTerminalBalance { get; set; }

    /// <summary>Tonight minus previous, in probability units (0.01 = one percentage point).</summary>
    [JsonPropertyName("success_probability_change")]
    public double? SuccessProbabilityChange { get; set; }

    /// <summary>Tonight / previous − 1.</summary>
    [JsonPropertyName("median_terminal_balance_change")]
    public double? MedianTerminalBalanceChange { get; set; }

    /// <summary>True when a change exceeds its threshold, or the case failed tonight.</summary>
    [JsonPropertyName("flagged")]
    public bool Flagged { get; set; }

    /// <summary>Why the row is flagged (empty when it is not).</summary>
    [JsonPropertyName("reason")]
    public string Reason { get; set; } = "";

    /// <summary>Threshold applied to <see cref="SuccessProbabilityChange"/> (absolute).</summary>
    [JsonPropertyName("success_threshold")]
    public double SuccessThreshold { get; set; }

    /// <summary>Threshold applied to <see cref="MedianTerminalBalanceChange"/> (relative).</summary>
    [JsonPropertyName("balance_threshold")]
    public double BalanceThreshold { get; set; }
}
