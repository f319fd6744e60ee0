using System.Text.Json;
using System.Text.RegularExpressions;
using Sim.Worker.Scenarios;

namespace Sim.Worker.Jobs;

/// <summary>One scenario or overlay file of the library.</summary>
/// <param name="Name">The file name without <c>.json</c>: the name requests and partitions use.</param>
/// <param name="Path">Absolute path of the file.</param>
/// <param name="Description">The file's <c>description</c>, when it has one.</param>
public sealed record CatalogEntry(string Name, string Path, string? Description);

/// <summary>
/// The scenario library: <c>scenarios/*.json</c> and the stress overlays <c>scenarios/stress/*.json</c>.
/// Names are file stems restricted to letters, digits, '-' and '_', so a name from a request can never
/// leave the folder (no separators, no '..', not absolute).
/// </summary>
public sealed partial class ScenarioCatalog(string directory)
{
    /// <summary>Subfolder of the stress overlays.</summary>
    public const string StressFolderName = "stress";

    /// <summary>The library folder (absolute).</summary>
    public string Directory { get; } = System.IO.Path.GetFullPath(directory);

    /// <summary>True for a name a request may use: 1 to 100 letters, digits, '-' or '_'.</summary>
    public static bool IsSafeName(string? name) => name is not null && NamePattern().IsMatch(name);

    /// <summary>The scenarios, sorted by name.</summary>
    public IReadOnlyList<CatalogEntry> Scenarios() => List(Directory);

    /// <summary>The stress overlays, sorted by name.</summary>
    public IReadOnlyList<CatalogEntry> Overlays() => List(System.IO.Path.Combine(Directory, StressFolderName));

    /// <summary>
    /// The file of scenario <paramref name="name"/> (with or without <c>.json</c>), or null when the name is
    /// unsafe or no such file exists.
    /// </summary>
    public string? Find(string name)
    {
        var stem = name.EndsWith(".json", StringComparison.Ordinal) ? name[..^5] : name;
        if (!IsSafeName(stem))
        {
            return null;
        }

        // After following links: a link in the library that points elsewhere is not a scenario of the library.
        var path = System.IO.Path.Combine(Directory, stem + ".json");
        return File.Exists(path) && Files.SafeFile.IsInside(Directory, path) ? path : null;
    }

    /// <summary>
    /// Reads a scenario or overlay file as strict UTF-8 under the 1 MiB cap (<see cref="ScenarioFile.ReadText"/>);
    /// throws <see cref="InvalidDataException"/> with the reason otherwise.
    /// </summary>
    public static string ReadCapped(string path)
    {
        var (text, error) = ScenarioFile.ReadText(path);
        return text ?? throw new InvalidDataException($"{System.IO.Path.GetFileName(path)}: {error!.Message}");
    }

    private List<CatalogEntry> List(string folder)
    {
        if (!System.IO.Directory.Exists(folder))
        {
            return [];
        }

        return System.IO.Directory.EnumerateFiles(folder, "*.json")
            .Select(path => (Path: path, Name: System.IO.Path.GetFileNameWithoutExtension(path)))
            .Where(f => IsSafeName(f.Name) && Files.SafeFile.IsInside(Directory, f.Path))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => new CatalogEntry(f.Name, f.Path, TryDescription(f.Path)))
            .ToList();
    }

    private static string? TryDescription(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(ReadCapped(path));
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String
                ? d.GetString()
                : null;
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidDataException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,100}\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
