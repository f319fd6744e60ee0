using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Sim.Engine;
using Sim.Engine.Scenarios;

namespace Sim.Worker.Runs;

/// <summary>
/// A run's id: the first 16 hex digits of SHA-256 over the scenario content, the path count, the seed and the
/// engine version. The same request always gets the same id (so a queued duplicate is recognised), and a new
/// engine version never reuses an old result.
/// </summary>
public static class RunIdentity
{
    /// <summary>
    /// The id of a run of <paramref name="scenario"/> (validated from <paramref name="scenarioJson"/>) with the
    /// effective <paramref name="paths"/> and <paramref name="seed"/>: the one identity every entry point uses (the
    /// <c>run</c> verb, the HTTP API, the nightly stress suite, issue 9 F4). The text is put in canonical form
    /// first (<see cref="Jobs.CanonicalJson.ForRun"/>, idempotent), so formatting, comments, and a start year or
    /// name left to the clock or the file name never make one run two ids.
    /// </summary>
    public static string Of(string scenarioJson, Scenario scenario, int paths, ulong seed) =>
        Compute(Jobs.CanonicalJson.ForRun(scenarioJson, scenario.Simulation.StartYear, scenario.Name), paths, seed);

    /// <summary>The path count a run computes: the caller's override, else the scenario's <c>simulation.paths</c>.</summary>
    public static int EffectivePaths(Scenario scenario, int? overridePaths) => scenario.Simulation.EffectivePaths(overridePaths);

    /// <summary>The seed a run uses: the caller's override, else the scenario's <c>simulation.seed</c>.</summary>
    public static ulong EffectiveSeed(Scenario scenario, ulong? overrideSeed) => scenario.Simulation.EffectiveSeed(overrideSeed);

    /// <summary>The id over already-canonical scenario text (see <see cref="Of"/>).</summary>
    public static string Compute(string scenarioContent, int paths, ulong seed)
    {
        string key = string.Join('\n', scenarioContent, paths.ToString(CultureInfo.InvariantCulture),
            seed.ToString(CultureInfo.InvariantCulture), EngineInfo.Version);
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return Convert.ToHexStringLower(hash)[..16];
    }
}
