using System.Text.RegularExpressions;

namespace Sim.Engine.Scenarios.Parsing;

/// <summary>JSONPath spelling of field locations: <c>$.employer.match[0].upTo</c>, with bracket notation for names
/// that are not identifiers (<c>$['odd name']</c>).</summary>
internal static partial class JsonPaths
{
    public const string Root = "$";

    public static string Child(string parent, string name) =>
        Identifier().IsMatch(name) ? $"{parent}.{name}" : $"{parent}['{name.Replace("\\", "\\\\").Replace("'", "\\'")}']";

    public static string Index(string parent, int index) => $"{parent}[{index}]";

    /// <summary>True when <paramref name="inner"/> is <paramref name="outer"/> or a field or element below it.</summary>
    public static bool IsSameOrNested(string inner, string outer) =>
        inner.Length == outer.Length
            ? string.Equals(inner, outer, StringComparison.Ordinal)
            : inner.Length > outer.Length && inner.StartsWith(outer, StringComparison.Ordinal)
              && inner[outer.Length] is '.' or '[';

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*\z")]
    private static partial Regex Identifier();
}
