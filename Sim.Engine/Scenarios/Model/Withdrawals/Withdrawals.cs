namespace Sim.Engine.Scenarios;

/// <summary>
/// <c>$.withdrawals</c>: the strategy (one record per strategy, carrying only its own parameters) and the knobs every
/// strategy shares: gross or after-tax targets, the source order, deferring the first RMD, in-service distributions.
/// </summary>
public sealed record Withdrawals
{
    /// <summary>The strategy and its parameters; fixedReal at 4% by default.</summary>
    public WithdrawalStrategy Strategy { get; init; } = new FixedRealStrategy();
    public bool AfterTax { get; init; }
    public WithdrawalOrder Order { get; init; } = WithdrawalOrder.ProRata;
    public bool DeferFirstRmd { get; init; }
    public InService? InService { get; init; }
}
