namespace Sim.Engine.Simulation.Policies;

/// <summary>
/// What happens to the account on January 1 of the separation year (spec 15: <c>stay</c>, <c>rollover</c>), after
/// forfeiture and before that year's distributions and loan events, on every path; never when the participant is
/// already retired at startYear (<see cref="Scenarios.Milestones.SeparationYear"/> is null, and
/// <see cref="YearPlan.SeparationYear"/> is false in every year). Registered in <see cref="SeparationActions"/>.
/// </summary>
internal interface ISeparationAction
{
    /// <summary>Acts on path <paramref name="i"/> (block element <paramref name="j"/>): it may move balances between
    /// state arrays and add a taxable amount to <c>scratch.Tax[j]</c> (taxed with the year's withdrawals); cash paid
    /// out of the account also goes to <c>scratch.Gross[j]</c> and, as a distribution from the plan penalised by the
    /// plan's rule, to <c>scratch.PlanTaxable[j]</c>.</summary>
    void Apply(YearPlan y, PathState st, BlockScratch scratch, int i, int j);
}

/// <summary><c>stay</c> (the default): the money stays in the plan; nothing happens.</summary>
internal sealed class StayInPlan : ISeparationAction
{
    public void Apply(YearPlan y, PathState st, BlockScratch scratch, int i, int j)
    {
    }
}
