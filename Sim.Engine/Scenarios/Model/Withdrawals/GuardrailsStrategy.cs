using Sim.Engine.Scenarios.Parsing;

namespace Sim.Engine.Scenarios;

/// <summary>guardrails (Guyton-Klinger, docs/model.md section 5): starts like fixedReal; the rules are in
/// <c>GuardrailRules</c>.</summary>
public sealed record GuardrailsStrategy : WithdrawalStrategy, IStartingTargetStrategy
{
    /// <inheritdoc />
    public WithdrawalStrategy WithInitialRate(double initialRate) => this with { InitialRate = initialRate };

    /// <inheritdoc />
    public WithdrawalStrategy WithAmount(double? amount) => this with { Amount = amount };

    public double InitialRate { get; init; } = StartingTarget.DefaultInitialRate;
    /// <summary>First-year target in today's dollars; wins over InitialRate.</summary>
    public double? Amount { get; init; }
    public double Upper { get; init; } = 0.20;
    public double Lower { get; init; } = 0.20;
    public double Cut { get; init; } = 0.10;
    public double Raise { get; init; } = 0.10;

    internal static readonly string[] Fields = [.. StartingTarget.Fields, "upper", "lower", "cut", "raise"];

    internal static GuardrailsStrategy Read(JsonObjectReader o)
    {
        var d = new GuardrailsStrategy();
        var (rate, amount) = StartingTarget.Read(o);
        return new GuardrailsStrategy
        {
            InitialRate = rate,
            Amount = amount,
            Upper = o.Number("upper", d.Upper, NumberRange.Fraction),
            Lower = o.Number("lower", d.Lower, NumberRange.Fraction),
            Cut = o.Number("cut", d.Cut, NumberRange.Fraction),
            Raise = o.Number("raise", d.Raise, NumberRange.Fraction),
        };
    }
}
