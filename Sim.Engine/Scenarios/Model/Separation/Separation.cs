namespace Sim.Engine.Scenarios;

/// <summary>
/// <c>$.separation</c>: what happens to the plan balance on January 1 of the retirement year (docs/model.md section
/// 13). The default is to stay in the plan, which is what the engine always did.
/// </summary>
public sealed record Separation
{
    /// <summary>IRC 3405(c)(1): mandatory withholding on an eligible rollover distribution not paid directly.</summary>
    public const double MandatoryWithholdingRate = 0.20;

    public SeparationAction Action { get; init; } = SeparationAction.Stay;

    /// <summary>Direct (trustee to trustee, default) or indirect (paid to the participant, 60 days to redeposit).</summary>
    public RolloverMethod Method { get; init; } = RolloverMethod.Direct;

    /// <summary>Indirect only: the participant makes up the 20 % withheld from other money within 60 days.</summary>
    public bool ReplaceWithholding { get; init; } = true;

    /// <summary>The IRA's expense ratio after a rollover; null = the plan's (<c>fees.expenseRatio</c>).</summary>
    public double? ExpenseRatio { get; init; }

    /// <summary>True when the vested balance leaves the plan for an IRA.</summary>
    public bool IsRollover => Action == SeparationAction.Rollover;

    /// <summary>True when 20 % of the pre-tax part is withheld and not made up, so it is a taxable distribution.</summary>
    public bool WithholdingIsDistributed => IsRollover && Method == RolloverMethod.Indirect && !ReplaceWithholding;
}
