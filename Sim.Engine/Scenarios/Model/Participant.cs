namespace Sim.Engine.Scenarios;

public sealed record Participant
{
    public const int DefaultEndAge = 95;
    public const int MaxEndAge = 120;

    public int BirthYear { get; init; } = 1991;
    public int RetirementAge { get; init; } = 65;
    public int EndAge { get; init; } = DefaultEndAge;
    public double Salary { get; init; }
    public double SalaryGrowth { get; init; } = 0.03;
    public int YearsOfService { get; init; }
    public bool FivePercentOwner { get; init; }
    public bool Disability { get; init; }
    public Spouse? Spouse { get; init; }
}
