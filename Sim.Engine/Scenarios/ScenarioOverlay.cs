using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sim.Engine.Scenarios;

/// <summary>
/// JSON Merge Patch (RFC 7386) for scenario documents: an object in the patch merges into the target field by
/// field, <c>null</c> removes a field (so it takes its default again), and anything else, arrays included,
/// replaces the target value whole. Pure.
/// </summary>
public static class ScenarioOverlay
{
    /// <summary>Applies <paramref name="patchJson"/> to <paramref name="baseJson"/> and returns the merged document
    /// (indented, comments dropped). Throws <see cref="JsonException"/> when either input is malformed; validate
    /// overlay files with <see cref="OverlayFile.Validate"/> first.</summary>
    public static string Apply(string baseJson, string patchJson)
    {
        ArgumentNullException.ThrowIfNull(baseJson);
        ArgumentNullException.ThrowIfNull(patchJson);
        var target = ParseNode(baseJson);
        var patch = ParseNode(patchJson);
        return ToJson(MergePatch(target, patch));
    }

    /// <summary>RFC 7386 section 2, MergePatch(Target, Patch).</summary>
    internal static JsonNode? MergePatch(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : [];
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                result[name] = MergePatch(result[name], value);
            }
        }

        return result;
    }

    /// <summary>Indented; non-ASCII text and characters like '&amp;' written as themselves (not \u escapes),
    /// since the output is a document for people and JSON readers, never HTML.</summary>
    internal static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    internal static JsonNode? ParseNode(string json) =>
        JsonNode.Parse(json, documentOptions: ScenarioJson.DocumentOptions);

    internal static string ToJson(JsonNode? node) =>
        node?.ToJsonString(WriteOptions) ?? "null";
}
