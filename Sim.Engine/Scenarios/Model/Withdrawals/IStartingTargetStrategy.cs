namespace Sim.Engine.Scenarios;

/// <summary>A strategy whose first-year target is <c>initialRate</c> × the opening balance or <c>amount</c> in today's
/// dollars (fixedReal, fixedNominal, guardrails): what solve and sensitivity move.</summary>
public interface IStartingTargetStrategy
{
    /// <summary>First-year target as a share of the balance on January 1 of the retirement year.</summary>
    double InitialRate { get; }

    /// <summary>First-year target in today's dollars; wins over InitialRate.</summary>
    double? Amount { get; }

    /// <summary>The same strategy with another initial rate.</summary>
    WithdrawalStrategy WithInitialRate(double initialRate);

    /// <summary>The same strategy with another amount (null: by initial rate).</summary>
    WithdrawalStrategy WithAmount(double? amount);
}
