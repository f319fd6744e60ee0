namespace Sim.Engine.Scenarios;

/// <summary>The vesting rule of <c>$.employer.vesting.type</c>.</summary>
public enum VestingType
{
    /// <summary>Employer money is vested at once (the default).</summary>
    Immediate,

    /// <summary>Nothing vests until <c>years</c> completed years, then everything.</summary>
    Cliff,

    /// <summary>A vested fraction per completed year of service, from <c>schedule</c>.</summary>
    Graded,
}
