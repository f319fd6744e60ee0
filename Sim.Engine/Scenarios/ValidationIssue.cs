namespace Sim.Engine.Scenarios;

/// <summary>One validation finding: the JSON path of the field (e.g. <c>$.participant.salary</c>) and what is
/// wrong or allowed there.</summary>
public sealed record ValidationIssue(string Path, string Message)
{
    /// <summary>The form printed by the CLI: <c>$.participant.salary: must be >= 0, got -5</c>.</summary>
    public override string ToString() => $"{Path}: {Message}";
}
