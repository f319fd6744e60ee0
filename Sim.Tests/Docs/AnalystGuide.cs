using System.Text.RegularExpressions;

namespace Sim.Tests.Docs;

/// <summary>docs/analysts.md and its fenced code blocks.</summary>
internal static partial class AnalystGuide
{
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Sim.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new DirectoryNotFoundException($"no Sim.sln above {AppContext.BaseDirectory}");
        }
    }

    public static string FilePath => System.IO.Path.Combine(RepositoryRoot, "docs", "analysts.md");

    public static string Text => File.ReadAllText(FilePath).Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>The contents of every block fenced as ```lang, in document order.</summary>
    public static IReadOnlyList<string> Blocks(string language) =>
        Fence().Matches(Text).Where(m => m.Groups[1].Value == language).Select(m => m.Groups[2].Value).ToList();

    [GeneratedRegex(@"^```(\w+)\n(.*?)^```\s*$", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex Fence();
}
