using System.Globalization;

namespace Sim.Engine.Analysis;

/// <summary>What a solve must reach.</summary>
public enum TargetKind
{
    /// <summary>Probability of success at least the target (0 to 1).</summary>
    Success,

    /// <summary>Median terminal balance in today's dollars at least the target.</summary>
    TerminalReal,
}

/// <summary>A solve's target: <c>success=0.9</c> (the default) or <c>terminalReal=500000</c>.</summary>
public sealed record SolveTarget(TargetKind Kind, double Value)
{
    /// <summary>The default target: 90% success.</summary>
    public const double DefaultSuccess = 0.90;

    /// <summary>90% success.</summary>
    public static SolveTarget Default { get; } = new(TargetKind.Success, DefaultSuccess);

    /// <summary>The figure this target reads from a trial.</summary>
    public double Figure(TrialOutcome t) => Kind == TargetKind.Success ? t.Success : t.MedianTerminalReal;

    /// <summary>True when the trial reaches the target. Success is compared as a count of paths (at least
    /// ceil(P·n) successes), so 0.9 of 10,000 paths is exactly 9,000 whatever the binary rounding of 0.9.</summary>
    public bool IsMet(TrialOutcome t) => Kind == TargetKind.Success
        ? Math.Round(t.Success * t.Paths) >= Math.Ceiling((Value * t.Paths) - 1e-9)
        : t.MedianTerminalReal >= Value;

    /// <summary>The canonical spelling, <c>success=0.9</c> or <c>terminalReal=500000</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{(Kind == TargetKind.Success ? "success" : "terminalReal")}={Value:R}");

    /// <summary>Parses <c>success=P</c> (0 &lt; P ≤ 1) or <c>terminalReal=X</c> (X ≥ 0, today's dollars);
    /// null with a message saying what is allowed otherwise.</summary>
    public static SolveTarget? TryParse(string text, out string? error)
    {
        error = null;
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        string key = eq < 0 ? text : text[..eq];
        string number = eq < 0 ? "" : text[(eq + 1)..];
        bool parsed = double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                      && double.IsFinite(value);
        switch (key)
        {
            case "success" when parsed && value > 0 && value <= 1:
                return new SolveTarget(TargetKind.Success, value);
            case "success":
                error = $"success=P needs P above 0 and at most 1 (0.9 = 90%), got '{number}'";
                return null;
            case "terminalReal" when parsed && value >= 0:
                return new SolveTarget(TargetKind.TerminalReal, value);
            case "terminalReal":
                error = $"terminalReal=X needs X >= 0 (today's dollars), got '{number}'";
                return null;
            default:
                error = $"'{text}' is not a target: use success=P (e.g. success=0.9) or terminalReal=X (e.g. terminalReal=500000)";
                return null;
        }
    }
}
