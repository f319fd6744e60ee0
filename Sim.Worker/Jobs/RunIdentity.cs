using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Sim.Worker.Jobs;

/// <summary>
/// The id of a run is a digest of everything that determines its output: the scenario (canonical JSON), the
/// effective path count, seed and start year, and the engine version. The same request twice is the same run,
/// so it is computed once; a new engine version computes afresh.
/// </summary>
public static partial class RunIdentity
{
    /// <summary>Hex digits kept from the SHA-256 digest (64 bits: a collision needs about 4 billion runs).</summary>
    public const int Length = 16;

    /// <summary>
    /// The text that is hashed: a canonical JSON object
    /// <c>{"engine":V,"paths":P,"scenario":S,"seed":N,"startYear":Y}</c> with S the canonical scenario.
    /// </summary>
    public static string Material(string scenarioJson, int paths, ulong seed, int startYear, string engineVersion)
    {
        var engine = CanonicalJson.Canonicalize(System.Text.Json.JsonSerializer.Serialize(engineVersion));
        return string.Create(CultureInfo.InvariantCulture,
            $"{{\"engine\":{engine},\"paths\":{paths},\"scenario\":{CanonicalJson.Canonicalize(scenarioJson)},\"seed\":{seed},\"startYear\":{startYear}}}");
    }

    /// <summary>The first <see cref="Length"/> lowercase hex digits of SHA-256 over <see cref="Material"/> (UTF-8).</summary>
    public static string Compute(string scenarioJson, int paths, ulong seed, int startYear, string engineVersion)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(Material(scenarioJson, paths, seed, startYear, engineVersion)));
        return Convert.ToHexStringLower(digest)[..Length];
    }

    /// <summary>True for a well-formed run id (16 lowercase hex digits); anything else never touches the disk.</summary>
    public static bool IsWellFormed(string? id) => id is not null && IdPattern().IsMatch(id);

    [GeneratedRegex("^[0-9a-f]{16}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
