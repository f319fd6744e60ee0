namespace Sim.Engine.Scenarios.Parsing;

/// <summary>Collects errors and warnings while a scenario is read, and remembers which paths failed so that
/// cross-field rules do not pile follow-on errors onto a field that is already reported.</summary>
internal sealed class IssueCollector
{
    private readonly List<ValidationIssue> _errors = [];
    private readonly List<ValidationIssue> _warnings = [];
    private readonly List<string> _failedPaths = [];

    public IReadOnlyList<ValidationIssue> Errors => _errors;

    public IReadOnlyList<ValidationIssue> Warnings => _warnings;

    public void Error(string path, string message)
    {
        _errors.Add(new ValidationIssue(path, message));
        _failedPaths.Add(path);
    }

    /// <summary>Marks a path as unreliable without reporting anything (e.g. the field a misspelled name was
    /// probably meant to set), so rules that depend on it stay quiet.</summary>
    public void MarkUnreliable(string path) => _failedPaths.Add(path);

    public void Warning(string path, string message) => _warnings.Add(new ValidationIssue(path, message));

    /// <summary>True when no error was reported at, above or below any of the paths.</summary>
    public bool AllOk(params ReadOnlySpan<string> paths)
    {
        foreach (var p in paths)
        {
            foreach (var f in _failedPaths)
            {
                if (JsonPaths.IsSameOrNested(p, f) || JsonPaths.IsSameOrNested(f, p))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
