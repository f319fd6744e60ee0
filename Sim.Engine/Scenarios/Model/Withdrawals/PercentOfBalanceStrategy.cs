using Sim.Engine.Scenarios.Parsing;

namespace Sim.Engine.Scenarios;

/// <summary>percentOfBalance: <see cref="Rate"/> × the opening balance each year. Never fails.</summary>
public sealed record PercentOfBalanceStrategy : WithdrawalStrategy
{
    /// <summary>4% of the opening balance a year.</summary>
    public const double DefaultRate = 0.04;

    /// <summary>Share of the opening balance withdrawn each distribution year; default <see cref="DefaultRate"/>.</summary>
    public double Rate { get; init; } = DefaultRate;

    internal static readonly string[] Fields = ["rate"];

    internal static PercentOfBalanceStrategy Read(JsonObjectReader o) =>
        new() { Rate = o.Number("rate", DefaultRate, NumberRange.Fraction) };
}
