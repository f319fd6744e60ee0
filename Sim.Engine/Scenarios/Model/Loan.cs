namespace Sim.Engine.Scenarios;

public sealed record Loan
{
    public int Age { get; init; }
    public double Amount { get; init; }
    public int Years { get; init; } = 5;
    public double Rate { get; init; } = 0.08;
    public bool Residence { get; init; }
    public bool TenThousandFloor { get; init; }
}
