namespace Sim.Engine.Scenarios;

/// <summary>
/// The outcome of reading a scenario: every error and warning found (never just the first), and the typed
/// scenario when there are no errors. <see cref="Scenario"/> is non-null exactly when <see cref="IsValid"/>.
/// </summary>
public sealed record ScenarioParseResult
{
    /// <summary>A result; <paramref name="scenario"/> is kept only when <paramref name="errors"/> is empty.</summary>
    /// <param name="scenario">The typed scenario, if it could be built.</param>
    /// <param name="errors">Every error found, each with its JSON path.</param>
    /// <param name="warnings">Every warning found.</param>
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

    /// <summary>True when there is no error and a scenario was built.</summary>
    public bool IsValid => Errors.Count == 0 && Scenario is not null;

    /// <summary>A copy with more errors appended (the scenario is dropped).</summary>
    public ScenarioParseResult WithErrors(IEnumerable<ValidationIssue> more) =>
        new(null, [.. Errors, .. more], Warnings);
}
