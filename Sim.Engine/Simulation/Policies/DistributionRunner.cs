namespace Sim.Engine.Simulation.Policies;

/// <summary>
/// Phase B of one year for a block, bound to one withdrawal policy type. The kernel makes one virtual call per block
/// and year (<see cref="Distribute"/>); inside, <see cref="DistributionRunner{TPolicy}"/> runs the kernel's generic
/// distribution code instantiated for its policy struct, so no path ever pays for a virtual call or a strategy switch.
/// </summary>
internal abstract class DistributionRunner
{
    /// <summary>The policy's failure rule (the yearly share failed and success probability read it).</summary>
    public abstract bool CanFail { get; }

    public abstract PolicySlots Slots { get; }

    /// <summary>The policy has a lane form (<see cref="IWithdrawalPolicy.Vectorized"/>).</summary>
    public abstract bool Vectorized { get; }

    public abstract void Distribute(PathKernel kernel, YearPlan y, PathState st, BlockScratch scratch, YearMetrics m,
        int start, int count, bool loanEvents, ref StepCounts counts);
}

/// <inheritdoc />
internal sealed class DistributionRunner<TPolicy>(TPolicy policy) : DistributionRunner
    where TPolicy : struct, IWithdrawalPolicy
{
    private readonly TPolicy _policy = policy;

    public override bool CanFail => _policy.CanFail;

    public override PolicySlots Slots => _policy.Slots;

    public override bool Vectorized => _policy.Vectorized;

    public override void Distribute(PathKernel kernel, YearPlan y, PathState st, BlockScratch scratch, YearMetrics m,
        int start, int count, bool loanEvents, ref StepCounts counts) =>
        kernel.DistributeYear(_policy, y, st, scratch, m, start, count, loanEvents, ref counts);
}
