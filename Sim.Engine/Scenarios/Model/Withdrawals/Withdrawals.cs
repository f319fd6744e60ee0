namespace Sim.Engine.Scenarios;

/// <summary>
/// <c>$.withdrawals</c>: the strategy (one record per strategy, carrying only its own parameters) and the knobs every
/// strategy shares: gross or after-tax targets, the source order, deferring the first RMD, in-service distributions.
/// </summary>
public sealed record Withdrawals
{
    /// <summary>The strategy and its parameters; fixedReal at 4% by default.</summary>
    public WithdrawalStrategy Strategy { get; init; } = new FixedRealStrategy();
    /// <summary>Whether the target is net of income tax and penalty (the gross is solved for); default false (gross).</summary>
    public bool AfterTax { get; init; }
    /// <summary>Source order above the RMD; pro rata by default.</summary>
    public WithdrawalOrder Order { get; init; } = WithdrawalOrder.ProRata;
    /// <summary>Take the first RMD by April 1 of the next year (two RMDs in that year); default false.</summary>
    public bool DeferFirstRmd { get; init; }
    /// <summary>In-service distributions while employed; null for none.</summary>
    public InService? InService { get; init; }

    /// <summary>The starting-target parameters when the strategy has them (fixedReal, fixedNominal, guardrails).</summary>
    public IStartingTargetStrategy? StartingTarget => Strategy as IStartingTargetStrategy;

    /// <summary>The same withdrawals with the strategy's amount replaced (a strategy with a starting target).</summary>
    public Withdrawals WithAmount(double? amount) => this with { Strategy = Starting().WithAmount(amount) };

    /// <summary>The same withdrawals with the strategy's initial rate replaced (a strategy with a starting target).</summary>
    public Withdrawals WithInitialRate(double rate) => this with { Strategy = Starting().WithInitialRate(rate) };

    private IStartingTargetStrategy Starting() => StartingTarget
        ?? throw new InvalidOperationException($"the {Strategy.Name} strategy has no initialRate or amount");
}
