using Sim.Engine.Scenarios.Parsing;

namespace Sim.Engine.Scenarios;

/// <summary>The first-year target parameters that fixedReal, fixedNominal and guardrails share: <c>initialRate</c>
/// (of the opening balance) or <c>amount</c> (today's dollars, wins when given).</summary>
internal static class StartingTarget
{
    public const double DefaultInitialRate = 0.04;

    public static readonly string[] Fields = ["initialRate", "amount"];

    public static (double InitialRate, double? Amount) Read(JsonObjectReader o) =>
        (o.Number("initialRate", DefaultInitialRate, NumberRange.Fraction), o.OptionalNumber("amount", NumberRange.Money));
}
