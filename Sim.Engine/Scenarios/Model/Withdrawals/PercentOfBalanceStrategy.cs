using Sim.Engine.Scenarios.Parsing;

namespace Sim.Engine.Scenarios;

/// <summary>percentOfBalance: <see cref="Rate"/> × the opening balance each year. Never fails.</summary>
public sealed record PercentOfBalanceStrategy : WithdrawalStrategy
{
    public const double DefaultRate = 0.04;

    public double Rate { get; init; } = DefaultRate;

    internal static readonly string[] Fields = ["rate"];

    internal static PercentOfBalanceStrategy Read(JsonObjectReader o) =>
        new() { Rate = o.Number("rate", DefaultRate, NumberRange.Fraction) };
}
