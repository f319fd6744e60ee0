namespace Sim.Engine.Scenarios;

/// <c>$.employer.vesting</c>: how employer money vests with completed years of service (IRC 411(a)(2)(B)).
public sealed record VestingSchedule
{
    /// <summary>Immediate (default), cliff or graded.</summary>
    public VestingType Type { get; init; } = VestingType.Immediate;
    /// <summary>Cliff: completed years of service after which everything vests.</summary>
    public int Years { get; init; }
    /// <summary>Graded: schedule[i] = vested fraction after i completed years; the last value holds beyond.</summary>
    public IReadOnlyList<double> Schedule { get; init; } = [];
}
