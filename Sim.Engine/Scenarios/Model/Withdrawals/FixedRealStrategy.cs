using Sim.Engine.Scenarios.Parsing;

namespace Sim.Engine.Scenarios;

/// <summary>fixedReal (the "4% rule", the default): the first target is <see cref="InitialRate"/> × the opening
/// balance, or <see cref="Amount"/> in today's dollars; later years raise the previous target by the path's inflation.</summary>
public sealed record FixedRealStrategy : WithdrawalStrategy, IStartingTargetStrategy
{
    /// <inheritdoc />
    public WithdrawalStrategy WithInitialRate(double initialRate) => this with { InitialRate = initialRate };

    /// <inheritdoc />
    public WithdrawalStrategy WithAmount(double? amount) => this with { Amount = amount };

    /// <summary>First-year target as a share of the balance on January 1 of the retirement year; default 0.04. <see cref="Amount"/> wins when set.</summary>
    public double InitialRate { get; init; } = StartingTarget.DefaultInitialRate;
    /// <summary>First-year target in today's dollars; wins over InitialRate.</summary>
    public double? Amount { get; init; }

    internal static readonly string[] Fields = StartingTarget.Fields;

    internal static FixedRealStrategy Read(JsonObjectReader o)
    {
        var (rate, amount) = StartingTarget.Read(o);
        return new FixedRealStrategy { InitialRate = rate, Amount = amount };
    }
}
