namespace Sim.Engine.Scenarios;

/// <summary>
/// A withdrawal strategy (docs/model.md section 5): a closed hierarchy, one sealed record per strategy with only its
/// own parameters, so a combination the contract does not allow (a guardrail band on percentOfBalance) cannot be
/// represented. The JSON name of each record and its policy live in one registry,
/// <c>Sim.Engine.Simulation.Policies.WithdrawalPolicies</c>.
/// </summary>
public abstract record WithdrawalStrategy
{
    /// <summary>Only this assembly defines strategies (each registered with its policy).</summary>
    private protected WithdrawalStrategy()
    {
    }

    /// <summary>The JSON spelling, e.g. "fixedReal".</summary>
    public string Name => Simulation.Policies.WithdrawalPolicies.NameOf(this);

    /// <summary>False when the strategy cannot run out by construction (its target is a share of the balance, or 0).</summary>
    public bool CanFail => Simulation.Policies.WithdrawalPolicies.Of(this).CanFail;
}
