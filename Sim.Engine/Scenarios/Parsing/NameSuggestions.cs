namespace Sim.Engine.Scenarios.Parsing;

/// <summary>"Did you mean" for misspelled field names and enum values: the closest candidate by edit distance
/// (Damerau-Levenshtein, optimal string alignment, case-insensitive), if it is close enough to be a typo.</summary>
internal static class NameSuggestions
{
    /// <summary>Longest name a suggestion is looked for: every allowed name is far shorter, and the distance costs
    /// the product of the lengths, so a 1 MiB key must not be compared (issue 13, item 4).</summary>
    public const int MaxLength = 64;

    public static string? Closest(string given, IEnumerable<string> candidates)
    {
        if (given.Length > MaxLength)
        {
            return null;
        }

        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var c in candidates)
        {
            var d = Distance(given.ToLowerInvariant(), c.ToLowerInvariant());
            if (d < bestDistance)
            {
                bestDistance = d;
                best = c;
            }
        }

        // A typo changes a few characters; anything further is a different word. Two edits, or a third of the
        // longer name for long names (retirmentAge -> retirementAge is 1; salaryGrowht -> salaryGrowth is 1).
        var allowed = best is null ? 0 : Math.Max(2, Math.Max(given.Length, best.Length) / 3);
        return best is not null && bestDistance <= allowed ? best : null;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
