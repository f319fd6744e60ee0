using Sim.Engine.Simd;

namespace Sim.Engine.Simulation.Policies;

/// <summary>
/// A withdrawal strategy's behaviour in a distribution year, for the path kernel. Implemented by small structs (one
/// per strategy) carrying the strategy's parameters; the kernel is instantiated once per policy type
/// (<see cref="DistributionRunner{TPolicy}"/>), so the calls below are resolved by the JIT, never virtual per path.
/// The scalar and the lane form must perform the same IEEE operations in the same order (no FMA), so every vector
/// width gives the same bits.
/// </summary>
internal interface IWithdrawalPolicy
{
    /// <summary>A path fails (docs/model.md section 5) the first year its gross need exceeds the opening balance. False for strategies
    /// whose target never exceeds the balance (a share of it, or 0).</summary>
    bool CanFail { get; }

    /// <summary>The per-path state the strategy reads beyond the opening balance.</summary>
    PolicySlots Slots { get; }

    /// <summary>The lane form may run in the vectorized distribution phase.</summary>
    bool Vectorized { get; }

    /// <summary>This distribution year's target for path <paramref name="i"/> (gross, or net with afterTax). The
    /// kernel stores the result in <see cref="PathState.Target"/> when <see cref="Slots"/> asks for it; a policy
    /// writes any other slot it owns (e.g. the guardrails' initial rate) itself.</summary>
    double Target(YearPlan y, PathState st, int i, double opening);

    /// <summary>The same target for the lanes of paths i.. (identical bits per lane to <see cref="Target"/>).
    /// <paramref name="income"/>: in a year with income streams, the lanes' tax without the withdrawal
    /// (<see cref="HouseholdTaxation.Without{TL, TD, TU}"/>, computed once per lane by the kernel), else default.</summary>
    TD Target<TL, TD, TU>(YearPlan y, PathState st, int i, TD opening, in IncomeLanes<TD> income)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct;
}
