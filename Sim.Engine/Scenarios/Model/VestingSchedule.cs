namespace Sim.Engine.Scenarios;

public sealed record VestingSchedule
{
    public VestingType Type { get; init; } = VestingType.Immediate;
    /// <summary>Cliff: completed years of service after which everything vests.</summary>
    public int Years { get; init; }
    /// <summary>Graded: schedule[i] = vested fraction after i completed years; the last value holds beyond.</summary>
    public IReadOnlyList<double> Schedule { get; init; } = [];
}
