using System.Text.Json;
using System.Text.Json.Nodes;
using Sim.Engine.Scenarios.Parsing;

namespace Sim.Engine.Scenarios;

/// <summary>
/// A stress overlay: a named, described JSON merge patch (RFC 7386) applied to any base scenario, e.g.
/// <c>{"name": "fat-tails", "description": "...", "overlay": {"returns": {"model": "studentT", "degreesOfFreedom": 4}}}</c>.
/// A file is an overlay when its top-level object has an <c>overlay</c> key. The merged scenario is named
/// <c>{base}-{overlay}</c> and its description gets " Stress: {overlay description}" unless the patch sets them.
/// </summary>
public sealed record OverlayFile(string Name, string Description, string PatchJson)
{
    /// <summary>The top-level keys an overlay file may have.</summary>
    public static readonly IReadOnlyList<string> Fields = ["name", "description", "overlay"];

    /// <summary>The base an overlay file is checked against when no other is given: the documented defaults plus
    /// the fields a person must name (the seeds' 35-year-old, startYear 2026).</summary>
    public const string ReferenceBaseJson = """
        {
          "name": "reference",
          "description": "Documented defaults for a 35-year-old earning 85,000 with 60,000 saved.",
          "simulation": { "startYear": 2026 },
          "participant": { "birthYear": 1991, "retirementAge": 65, "salary": 85000 },
          "account": { "pretaxBalance": 60000 }
        }
        """;

    /// <summary>True when <paramref name="json"/> is an object with a top-level <c>overlay</c> key (false for
    /// malformed JSON, which then fails as a scenario with its syntax error).</summary>
    public static bool IsOverlay(string json)
    {
        if (!ScenarioJson.TryParseDocument(json, out var document, out _))
        {
            return false;
        }

        using (document)
        {
            return document!.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.EnumerateObject().Any(p => p.NameEquals("overlay"));
        }
    }

    /// <summary>Checks the overlay file's own shape: a file-safe <c>name</c> (required), a string
    /// <c>description</c>, an <c>overlay</c> object (required), nothing else.</summary>
    public static OverlayParseResult Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (!ScenarioJson.TryParseDocument(json, out var document, out var syntaxError))
        {
            return new OverlayParseResult(null, [syntaxError!], []);
        }

        using (document)
        {
            var issues = new IssueCollector();
            var o = JsonObjectReader.Open(document!.RootElement, JsonPaths.Root, issues, Fields);
            if (o is null)
            {
                return new OverlayParseResult(null, issues.Errors, issues.Warnings);
            }

            var hasName = o.Require("name");
            var name = o.String("name", "");
            if (hasName && issues.AllOk(o.PathOf("name")) && !ScenarioJson.IsFileSafeName(name))
            {
                issues.Error(o.PathOf("name"),
                    $"must be file-safe: 1 to {ScenarioJson.MaxNameLength} letters, digits, '-' or '_', got \"{name}\"");
            }

            var description = o.String("description", "");
            string patch = "{}";
            if (o.Require("overlay"))
            {
                var element = document.RootElement.GetProperty("overlay");
                if (element.ValueKind != JsonValueKind.Object)
                {
                    issues.Error(o.PathOf("overlay"),
                        $"expected an object (a JSON merge patch of the scenario), got {JsonObjectReader.Describe(element)}");
                }
                else
                {
                    // Open it to report duplicate keys inside the patch (field names are checked after merging).
                    CheckDuplicates(element, o.PathOf("overlay"), issues);
                    patch = element.GetRawText();
                    if (!element.EnumerateObject().Any())
                    {
                        issues.Warning(o.PathOf("overlay"), "is empty: the overlay changes nothing");
                    }
                }
            }

            return new OverlayParseResult(new OverlayFile(name, description, patch), issues.Errors, issues.Warnings);
        }
    }

    /// <summary>Parses the overlay file, applies it to <paramref name="baseJson"/> and validates the result.
    /// Errors of the merged scenario are reported under <c>$.overlay</c> (e.g. <c>$.overlay.returns.model</c>).</summary>
    public static ScenarioParseResult Validate(string overlayJson, string baseJson, int defaultStartYear)
    {
        var parsed = Parse(overlayJson);
        if (!parsed.IsValid)
        {
            return new ScenarioParseResult(null, parsed.Errors, parsed.Warnings);
        }

        string merged;
        try
        {
            merged = parsed.Overlay!.ApplyTo(baseJson);
        }
        catch (JsonException e)
        {
            return new ScenarioParseResult(null, [new ValidationIssue(JsonPaths.Root, $"the base scenario is malformed JSON: {e.Message}")], parsed.Warnings);
        }

        var result = ScenarioJson.Parse(merged, defaultStartYear);
        return new ScenarioParseResult(result.Scenario,
            [.. result.Errors.Select(Reroot)],
            [.. parsed.Warnings, .. result.Warnings.Select(Reroot)]);
    }

    /// <summary>The merged scenario document: the patch applied to <paramref name="baseJson"/>, with the composed
    /// name and description unless the patch sets its own.</summary>
    public string ApplyTo(string baseJson)
    {
        var target = ScenarioOverlay.ParseNode(baseJson);
        var patch = ScenarioOverlay.ParseNode(PatchJson) as JsonObject ?? [];
        var merged = ScenarioOverlay.MergePatch(target, patch);
        if (merged is JsonObject m)
        {
            var baseObject = target as JsonObject;
            if (!patch.ContainsKey("name"))
            {
                m["name"] = $"{StringField(baseObject, "name") ?? new Scenario().Name}-{Name}";
            }

            if (!patch.ContainsKey("description") && Description.Length > 0)
            {
                m["description"] = $"{StringField(baseObject, "description")} Stress: {Description}".Trim();
            }
        }

        return ScenarioOverlay.ToJson(merged);
    }

    private static string? StringField(JsonObject? o, string name) =>
        o is not null && o.TryGetPropertyValue(name, out var v) && v is JsonValue value && value.TryGetValue<string>(out var s)
            ? s
            : null;

    private static void CheckDuplicates(JsonElement element, string path, IssueCollector issues)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var p in element.EnumerateObject())
                {
                    var child = JsonPaths.Child(path, p.Name);
                    if (!seen.Add(p.Name))
                    {
                        issues.Error(child, "duplicate key; a field may appear only once");
                    }

                    CheckDuplicates(p.Value, child, issues);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var e in element.EnumerateArray())
                {
                    CheckDuplicates(e, JsonPaths.Index(path, i++), issues);
                }

                break;
        }
    }

    private static ValidationIssue Reroot(ValidationIssue issue) =>
        issue with { Path = issue.Path == JsonPaths.Root ? "$.overlay" : "$.overlay" + issue.Path[1..] };
}

/// <summary>The overlay file's shape check: the overlay when there are no errors.</summary>
public sealed record OverlayParseResult(OverlayFile? Overlay, IReadOnlyList<ValidationIssue> Errors,
    IReadOnlyList<ValidationIssue> Warnings)
{
    /// <summary>True when there is no error and the overlay was read.</summary>
    public bool IsValid => Errors.Count == 0 && Overlay is not null;
}
