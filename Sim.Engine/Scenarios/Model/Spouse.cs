namespace Sim.Engine.Scenarios;

public sealed record Spouse
{
    public int BirthYear { get; init; }
    public bool SoleBeneficiary { get; init; } = true;
}
