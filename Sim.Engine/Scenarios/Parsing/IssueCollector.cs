namespace Sim.Engine.Scenarios.Parsing;

/// <summary>Collects errors and warnings while a scenario is read, and remembers which paths failed so that
/// cross-field rules do not pile follow-on errors onto a field that is already reported.</summary>
internal sealed class IssueCollector
{
    private readonly List<ValidationIssue> _errors = [];
    private readonly List<ValidationIssue> _warnings = [];
    private readonly List<string> _failedPaths = [];
    private int _unreported;

    /// <summary>Most errors kept; past it errors are only counted, so a document of 60,000 unknown keys costs
    /// a bounded report (issue 13, item 4).</summary>
    public const int MaxErrors = 100;

    /// <summary>Longest path kept in a report (a field name can be as long as the document).</summary>
    public const int MaxPathLength = 200;

    /// <summary>The errors, and one last "… and N more errors" when more were found than kept.</summary>
    public IReadOnlyList<ValidationIssue> Errors => _unreported == 0
        ? _errors
        : [.. _errors, new ValidationIssue(JsonPaths.Root, $"… and {_unreported} more errors")];

    public IReadOnlyList<ValidationIssue> Warnings => _warnings;

    public void Error(string path, string message)
    {
        _failedPaths.Add(path);
        if (_errors.Count >= MaxErrors)
        {
            _unreported++;
            return;
        }

        _errors.Add(new ValidationIssue(Cut(path, MaxPathLength), Cut(message, MaxMessageLength)));
    }

    /// <summary>Longest message kept (a message may quote a value the document gave).</summary>
    public const int MaxMessageLength = 600;

    private static string Cut(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    /// <summary>Marks a path as unreliable without reporting anything (e.g. the field a misspelled name was
    /// probably meant to set), so rules that depend on it stay quiet.</summary>
    public void MarkUnreliable(string path) => _failedPaths.Add(path);

    public void Warning(string path, string message) => _warnings.Add(new ValidationIssue(path, message));

    /// <summary>True when no error was reported at, above or below any of the paths.</summary>
    public bool AllOk(params ReadOnlySpan<string> paths)
    {
        if (_unreported > 0)
        {
            // Past the report cap the document is hopeless: rules that tie fields together would only add
            // follow-on errors nobody sees, and checking each against tens of thousands of failures costs seconds.
            return false;
        }

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
