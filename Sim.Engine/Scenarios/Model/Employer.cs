namespace Sim.Engine.Scenarios;

public sealed record Employer
{
    public static readonly IReadOnlyList<MatchTier> DefaultMatch = [new(0.5, 0.06)];

    public IReadOnlyList<MatchTier> Match { get; init; } = DefaultMatch;
    public double NonElective { get; init; }
    public VestingSchedule Vesting { get; init; } = new();
    public bool SafeHarborVested { get; init; } = true;
}
