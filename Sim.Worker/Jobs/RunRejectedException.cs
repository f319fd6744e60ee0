using Sim.Engine.Scenarios;

namespace Sim.Worker.Jobs;

/// <summary>
/// A run that must not be retried: its request is invalid or missing, or it exceeded the run timeout.
/// <see cref="RunJob"/>'s retry policy excludes this type; crashes of any other type are retried.
/// </summary>
public sealed class RunRejectedException(string message, IReadOnlyList<ValidationIssue>? errors = null) : Exception(message)
{
    /// <summary>The validation errors, when the rejection is a validation failure.</summary>
    public IReadOnlyList<ValidationIssue> Errors { get; } = errors ?? [];
}
