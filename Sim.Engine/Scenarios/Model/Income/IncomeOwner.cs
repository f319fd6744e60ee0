namespace Sim.Engine.Scenarios;

/// <summary>Whose birth year drives an income stream's ages (docs/model.md section 11).</summary>
public enum IncomeOwner
{
    /// <summary>The participant's ages (the default).</summary>
    Participant,

    /// <summary>The spouse's ages (needs <c>participant.spouse</c>).</summary>
    Spouse,
}
