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

    /// <summary>First-year target as a share of the balance on January 1 of the retirement year; default 0.04. <see cref="Amount"/> wins when set.</summary>
    public double InitialRate { get; init; } = StartingTarget.DefaultInitialRate;
    /// <summary>First-year target in today's dollars; wins over InitialRate.</summary>
    public double? Amount { get; init; }
    /// <summary>Capital-preservation guardrail: cut when the current withdrawal rate exceeds the initial rate by more than this share; default 0.20.</summary>
    public double Upper { get; init; } = 0.20;
    /// <summary>Prosperity guardrail: raise when the current withdrawal rate is below the initial rate by more than this share; default 0.20.</summary>
    public double Lower { get; init; } = 0.20;
    /// <summary>Share the target is cut by at the upper guardrail; default 0.10.</summary>
    public double Cut { get; init; } = 0.10;
    /// <summary>Share the target is raised by at the lower guardrail; default 0.10.</summary>
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
