namespace Sim.Engine.Scenarios;

/// <summary>Which source pays the part of a withdrawal above the RMD (<c>$.withdrawals.order</c>); the RMD itself
/// always comes from the pre-tax balance.</summary>
public enum WithdrawalOrder
{
    /// <summary>Pre-tax and Roth in proportion to their balances (the default).</summary>
    ProRata,

    /// <summary>Pre-tax first, Roth when it is exhausted.</summary>
    TraditionalFirst,

    /// <summary>Roth first, pre-tax when it is exhausted.</summary>
    RothFirst,
}
