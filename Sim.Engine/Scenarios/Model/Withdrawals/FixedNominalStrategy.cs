using Sim.Engine.Scenarios.Parsing;

namespace Sim.Engine.Scenarios;

/// <summary>fixedNominal (docs/model.md section 5; the Trinity study's withdrawals "not inflation adjusted"): the first target as
/// fixedReal's (<see cref="InitialRate"/> × the opening balance, or <see cref="Amount"/> in today's dollars), then the
/// same nominal amount every year.</summary>
public sealed record FixedNominalStrategy : WithdrawalStrategy, IStartingTargetStrategy
{
    /// <inheritdoc />
    public WithdrawalStrategy WithInitialRate(double initialRate) => this with { InitialRate = initialRate };

    /// <inheritdoc />
    public WithdrawalStrategy WithAmount(double? amount) => this with { Amount = amount };

    public double InitialRate { get; init; } = StartingTarget.DefaultInitialRate;
    /// <summary>First-year target in today's dollars; wins over InitialRate.</summary>
    public double? Amount { get; init; }

    internal static readonly string[] Fields = StartingTarget.Fields;

    internal static FixedNominalStrategy Read(JsonObjectReader o)
    {
        var (rate, amount) = StartingTarget.Read(o);
        return new FixedNominalStrategy { InitialRate = rate, Amount = amount };
    }
}
