namespace Sim.Engine.Scenarios;

public sealed record Contributions
{
    public double DeferralRate { get; init; } = 0.06;
    public double RothShare { get; init; }
    public double EscalationStep { get; init; }
    public double EscalationCap { get; init; } = 0.10;
    public bool RothAvailable { get; init; } = true;
}
