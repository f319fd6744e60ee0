using Sim.Engine.Simulation.Policies;

namespace Sim.Engine.Scenarios;

/// <summary>Public facts about the registered withdrawal strategies, by JSON name (the registry,
/// <c>WithdrawalPolicies</c>, is their one owner).</summary>
public static class WithdrawalStrategies
{
    /// <summary>Every strategy's JSON name, in registration order.</summary>
    public static IReadOnlyList<string> Names => WithdrawalPolicies.Names;

    /// <summary>The canonical spelling of <paramref name="name"/> (case-insensitive), or null when unknown.</summary>
    public static string? Canonical(string name) =>
        Names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>False for strategies that cannot run out by construction (percentOfBalance, rmdOnly).</summary>
    public static bool CanFail(string name) => WithdrawalPolicies.ByName(name).CanFail;
}
