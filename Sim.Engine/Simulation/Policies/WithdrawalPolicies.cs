using Sim.Engine.Scenarios;
using Sim.Engine.Scenarios.Parsing;

namespace Sim.Engine.Simulation.Policies;

/// <summary>
/// The one registry of withdrawal strategies: JSON name, model record, its parameters, how to read them, and the
/// policy the kernel runs. Adding a strategy = its record (Scenarios/Model/Withdrawals), its policy (this folder),
/// one line here, tests and docs (docs/developer.md, "Adding a withdrawal strategy").
/// </summary>
internal static class WithdrawalPolicies
{
    /// <summary>Registration order is the order of the names in messages and docs.</summary>
    private static readonly StrategyEntry[] Entries =
    [
        StrategyEntry.Of("fixedReal", FixedRealStrategy.Fields, FixedRealStrategy.Read, (FixedRealStrategy s) => new FixedRealPolicy(s)),
        StrategyEntry.Of("percentOfBalance", PercentOfBalanceStrategy.Fields, PercentOfBalanceStrategy.Read, (PercentOfBalanceStrategy s) => new PercentOfBalancePolicy(s)),
        StrategyEntry.Of("rmdOnly", RmdOnlyStrategy.Fields, RmdOnlyStrategy.Read, (RmdOnlyStrategy _) => new RmdOnlyPolicy()),
        StrategyEntry.Of("guardrails", GuardrailsStrategy.Fields, GuardrailsStrategy.Read, (GuardrailsStrategy s) => new GuardrailsPolicy(s)),
        StrategyEntry.Of("fixedNominal", FixedNominalStrategy.Fields, FixedNominalStrategy.Read, (FixedNominalStrategy s) => new FixedNominalPolicy(s)),
        StrategyEntry.Of("spendingNeed", SpendingNeedStrategy.Fields, SpendingNeedStrategy.Read, (SpendingNeedStrategy s, Withdrawals w) => new SpendingNeedPolicy(s, w.AfterTax)),
    ];

    /// <summary>Every strategy's JSON name, in registration order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Entries.Select(e => e.Name)];

    /// <summary>Every parameter any strategy takes (the union, without duplicates).</summary>
    public static IReadOnlyList<string> AllFields { get; } = [.. Entries.SelectMany(e => e.Fields).Distinct()];

    public static StrategyEntry ByName(string name) => Entries.First(e => e.Name == name);

    public static StrategyEntry Of(WithdrawalStrategy strategy) =>
        Entries.FirstOrDefault(e => e.Type == strategy.GetType())
        ?? throw new InvalidOperationException($"{strategy.GetType().Name} is not registered in WithdrawalPolicies");

    public static string NameOf(WithdrawalStrategy strategy) => Of(strategy).Name;

    /// <summary>The kernel's runner for <paramref name="withdrawals"/>' strategy: the policy struct bound once per run.</summary>
    public static DistributionRunner Runner(Withdrawals withdrawals) => Of(withdrawals.Strategy).CreateRunner(withdrawals);
}

/// <summary>One registered strategy.</summary>
internal abstract class StrategyEntry
{
    public required string Name { get; init; }
    public required Type Type { get; init; }
    public required IReadOnlyList<string> Fields { get; init; }
    /// <summary>The policy's <see cref="IWithdrawalPolicy.CanFail"/> (a constant of the policy type).</summary>
    public required bool CanFail { get; init; }

    public abstract WithdrawalStrategy Read(JsonObjectReader o);

    public abstract DistributionRunner CreateRunner(Withdrawals withdrawals);

    public static StrategyEntry Of<TStrategy, TPolicy>(string name, IReadOnlyList<string> fields,
        Func<JsonObjectReader, TStrategy> read, Func<TStrategy, TPolicy> policy)
        where TStrategy : WithdrawalStrategy
        where TPolicy : struct, IWithdrawalPolicy =>
        Of(name, fields, read, (TStrategy s, Withdrawals _) => policy(s));

    /// <summary>As above, for a policy that also reads the knobs every strategy shares (e.g. afterTax).</summary>
    public static StrategyEntry Of<TStrategy, TPolicy>(string name, IReadOnlyList<string> fields,
        Func<JsonObjectReader, TStrategy> read, Func<TStrategy, Withdrawals, TPolicy> policy)
        where TStrategy : WithdrawalStrategy
        where TPolicy : struct, IWithdrawalPolicy =>
        new Entry<TStrategy, TPolicy>(read, policy)
        {
            Name = name, Type = typeof(TStrategy), Fields = fields, CanFail = default(TPolicy).CanFail,
        };

    private sealed class Entry<TStrategy, TPolicy>(Func<JsonObjectReader, TStrategy> read,
        Func<TStrategy, Withdrawals, TPolicy> policy)
        : StrategyEntry
        where TStrategy : WithdrawalStrategy
        where TPolicy : struct, IWithdrawalPolicy
    {
        public override WithdrawalStrategy Read(JsonObjectReader o) => read(o);

        public override DistributionRunner CreateRunner(Withdrawals withdrawals) =>
            new DistributionRunner<TPolicy>(policy((TStrategy)withdrawals.Strategy, withdrawals));
    }
}
