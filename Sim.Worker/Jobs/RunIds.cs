using System.Text.RegularExpressions;

namespace Sim.Worker.Jobs;

/// <summary>
/// Run ids as the worker uses them. The id itself is the runner's (<c>Sim.Worker.Runs.RunIdentity</c>: SHA-256
/// over scenario content, paths, seed and engine version, first 16 hex digits), computed over the request's
/// canonical scenario JSON (<see cref="CanonicalJson.ForRun"/>), so the id the API answers is the
/// <c>run_id</c> written into the Parquet files, and formatting never changes it.
/// </summary>
public static partial class RunIds
{
    /// <summary>The id of a run of <paramref name="canonicalScenarioJson"/> with the effective paths and seed.</summary>
    public static string Compute(string canonicalScenarioJson, int paths, ulong seed) =>
        Sim.Worker.Runs.RunIdentity.Compute(canonicalScenarioJson, paths, seed);

    /// <summary>True for a well-formed run id (16 lowercase hex digits); anything else never touches the disk.</summary>
    public static bool IsWellFormed(string? id) => id is not null && IdPattern().IsMatch(id);

    [GeneratedRegex(@"^[0-9a-f]{16}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
