using System.Globalization;

namespace Sim.Engine.Returns;

/// <summary>The sentence the output metadata gets about shocks.</summary>
internal static class ShockNotes
{
    public static string Describe(ShockPlan plan) => plan.Count == 0
        ? ""
        : string.Create(CultureInfo.InvariantCulture,
            $" Stress shocks pin {plan.Count} asset-year return(s) on every path after the draw (later shocks win).");
}
