namespace Sim.Engine.Scenarios;

/// <c>$.participant</c>: the person whose account is simulated (docs/model.md sections 1, 5, 6).
public sealed record Participant
{
    /// <summary>Default last simulated age (inclusive).</summary>
    public const int DefaultEndAge = 95;
    /// <summary>Largest allowed end age: protects the machine and matches the RMD tables' last row.</summary>
    public const int MaxEndAge = 120;

    /// <summary>Calendar year of birth; birthdays are taken as July 1, and the age in year Y is Y − BirthYear.</summary>
    public int BirthYear { get; init; } = 1991;
    /// <summary>Age at separation from service (January 1 of the year this age is attained): from then no salary, distributions start; default 65.</summary>
    public int RetirementAge { get; init; } = 65;
    /// <summary>The simulation runs through the year this age is attained; default <see cref="DefaultEndAge"/>, at most <see cref="MaxEndAge"/>.</summary>
    public int EndAge { get; init; } = DefaultEndAge;
    /// <summary>Annual salary in <c>startYear</c>, dollars; required.</summary>
    public double Salary { get; init; }
    /// <summary>Nominal yearly salary growth as a fraction; default 0.03.</summary>
    public double SalaryGrowth { get; init; } = 0.03;
    /// <summary>Completed years of service at <c>startYear</c>, for vesting; default 0.</summary>
    public int YearsOfService { get; init; }
    /// <summary>A 5% owner gets no still-working delay of RMDs (IRC 401(a)(9)(C)(ii)); default false.</summary>
    public bool FivePercentOwner { get; init; }
    /// <summary>Disabled (IRC 72(m)(7)): withdrawals escape the 10% additional tax; default false.</summary>
    public bool Disability { get; init; }
    /// <summary>The spouse, for the joint RMD table and income streams; null when none.</summary>
    public Spouse? Spouse { get; init; }
}
