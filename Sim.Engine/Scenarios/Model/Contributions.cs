namespace Sim.Engine.Scenarios;

/// <c>$.contributions</c>: the employee's deferrals while employed (docs/model.md section 5).
public sealed record Contributions
{
    /// <summary>Share of plan compensation deferred in the first year; default 0.06 (6%).</summary>
    public double DeferralRate { get; init; } = 0.06;
    /// <summary>Share of each deferral that goes to Roth, in [0, 1]; default 0 (all pre-tax).</summary>
    public double RothShare { get; init; }
    /// <summary>Auto-escalation: added to the deferral rate each later employment year; default 0 (none).</summary>
    public double EscalationStep { get; init; }
    /// <summary>Auto-escalation stops at this deferral rate; default 0.10.</summary>
    public double EscalationCap { get; init; } = 0.10;
    /// <summary>Whether the plan offers Roth deferrals; without them a high earner gets no catch-up from 2026 (SECURE 2.0 section 603). Default true.</summary>
    public bool RothAvailable { get; init; } = true;
}
