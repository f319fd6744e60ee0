namespace Sim.Engine.Scenarios;

/// <c>$.participant.spouse</c>.
public sealed record Spouse
{
    /// <summary>Calendar year of birth (July 1 birthdays, as for the participant).</summary>
    public int BirthYear { get; init; }
    /// <summary>Whether the spouse is the sole beneficiary: with a spouse more than 10 years younger the RMD uses the Joint and Last Survivor Table; default true.</summary>
    public bool SoleBeneficiary { get; init; } = true;
}
