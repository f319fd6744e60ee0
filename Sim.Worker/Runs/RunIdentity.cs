using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Sim.Engine;

namespace Sim.Worker.Runs;

/// <summary>
/// A run's id: the first 16 hex digits of SHA-256 over the scenario content, the path count, the seed and the
/// engine version. The same request always gets the same id (so a queued duplicate is recognised), and a new
/// engine version never reuses an old result.
/// </summary>
public static class RunIdentity
{
    public static string Compute(string scenarioContent, int paths, ulong seed)
    {
        string key = string.Join('\n', scenarioContent, paths.ToString(CultureInfo.InvariantCulture),
            seed.ToString(CultureInfo.InvariantCulture), EngineInfo.Version);
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return Convert.ToHexStringLower(hash)[..16];
    }
}
