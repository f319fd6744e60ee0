using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Sim.Engine;

namespace Sim.Worker.Jobs;

// STAND-IN: the same formula as Sim.Worker.Runs.RunIdentity.Compute on main (which does not build yet);
// replaced by a call to it after the merge.
internal static class RunIdentityStandIn
{
    public static string Compute(string scenarioContent, int paths, ulong seed)
    {
        string key = string.Join('\n', scenarioContent, paths.ToString(CultureInfo.InvariantCulture),
            seed.ToString(CultureInfo.InvariantCulture), EngineInfo.Version);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
    }
}
