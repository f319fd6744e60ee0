namespace Sim.Engine.Scenarios;

/// <summary>
/// One stream of income outside the account (<c>$.income[i]</c>): Social Security or a pension. The amount of a year
/// is the same on every path except through that path's inflation index. Closed hierarchy: the JSON <c>type</c>
/// picks the record.
/// </summary>
public abstract record IncomeStream
{
    private protected IncomeStream()
    {
    }

    /// <summary>The participant (default) or the spouse (then <c>participant.spouse</c> is required).</summary>
    public IncomeOwner Owner { get; init; } = IncomeOwner.Participant;

    /// <summary>The owner's age in months at the first payment (claim age, pension start age).</summary>
    public abstract int FirstPaymentAgeMonths(int ownerBirthYear);
}
