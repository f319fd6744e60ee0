using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sim.Worker.Jobs;

// STAND-IN until ScenarioOverlay.Apply lands on main: RFC 7386 JSON merge patch of the overlay file's
// "overlay" member onto the base scenario. Replaced by a call to the shared implementation after the merge.
internal static class ScenarioOverlayStandIn
{
    public static string Apply(string baseJson, string overlayFileJson)
    {
        var target = JsonNode.Parse(baseJson) ?? throw new JsonException("the scenario is null");
        var overlayFile = JsonNode.Parse(overlayFileJson) as JsonObject
            ?? throw new JsonException("an overlay file must be an object with an \"overlay\" member");
        var patch = overlayFile["overlay"] ?? throw new JsonException("an overlay file must have an \"overlay\" member");
        return (Merge(target, patch) ?? new JsonObject()).ToJsonString();
    }

    private static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                var merged = Merge(result[key], value);
                result.Remove(key);
                result[key] = merged;
            }
        }

        return result;
    }
}
