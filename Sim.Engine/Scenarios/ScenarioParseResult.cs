namespace Sim.Engine.Scenarios;

/// <summary>
/// The outcome of reading a scenario: every error and warning found (never just the first), and the typed
/// scenario when there are no errors. <see cref="Scenario"/> is non-null exactly when <see cref="IsValid"/>.
/// </summary>
public sealed record ScenarioParseResult
{
    public ScenarioParseResult(Scenario? scenario, IReadOnlyList<ValidationIssue> errors,
        IReadOnlyList<ValidationIssue> warnings)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(warnings);
        Errors = errors;
        Warnings = warnings;
        Scenario = errors.Count == 0 ? scenario : null;
    }

    /// <summary>The validated scenario; null when there is any error.</summary>
    public Scenario? Scenario { get; }

    /// <summary>Problems that make the file unusable, in document order, each with its JSON path.</summary>
    public IReadOnlyList<ValidationIssue> Errors { get; }

    /// <summary>Legal but suspicious settings (e.g. vesting slower than the law allows); they do not block a run.</summary>
    public IReadOnlyList<ValidationIssue> Warnings { get; }

    public bool IsValid => Errors.Count == 0 && Scenario is not null;

    /// <summary>A copy with more errors appended (the scenario is dropped).</summary>
    public ScenarioParseResult WithErrors(IEnumerable<ValidationIssue> more) =>
        new(null, [.. Errors, .. more], Warnings);
}
