using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sim.Engine.Analysis;
using Sim.Engine.Scenarios;
using Sim.Worker.Analysis;

namespace Sim.Worker.Server;

/// <summary>An analysis request body turned into an <see cref="AnalysisRequest"/>, or every reason it cannot be one.</summary>
public sealed record AnalysisRequestParse(AnalysisRequest? Request, IReadOnlyList<ValidationIssue> Errors);

/// <summary>
/// Reads the bodies of <c>POST /api/solve</c>, <c>/api/compare</c> and <c>/api/sensitivity</c>:
/// <code>
/// {"scenario": "baseline" | {...}, "for": "withdrawals.amount", "target": "success=0.9", "paths": 10000, "seed": 1}
/// {"scenarios": ["baseline", "roth-401k"], "paths": 10000, "seed": 1}
/// {"scenario": "baseline", "paths": 10000, "seed": 1}
/// </code>
/// Each scenario is resolved exactly as <c>POST /api/runs</c> resolves its <c>scenario</c> (a library name or an
/// inline object, the same caps and history rules), so errors carry the JSON path into this body.
/// </summary>
public sealed class AnalysisRequestReader(RunRequestReader runs)
{
    /// <summary>Top-level request keys copied into the first scenario's envelope.</summary>
    private static readonly string[] EnvelopeKeys = ["paths", "seed"];

    /// <summary>Scenarios a compare request may name over HTTP: A and B.</summary>
    public const int CompareScenarios = 2;

    /// <summary>Reads a JSON request body of <paramref name="kind"/> into an analysis request, or every error with its JSON path.</summary>
    public AnalysisRequestParse Read(AnalysisKind kind, ReadOnlySpan<byte> body)
    {
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(body.ToArray(), documentOptions: ScenarioJson.DocumentOptions) as JsonObject;
        }
        catch (JsonException e)
        {
            return Fail("$", "not valid JSON: " + e.Message);
        }

        string[] allowed = kind switch
        {
            AnalysisKind.Solve => ["scenario", "for", "target", "paths", "seed"],
            AnalysisKind.Compare => ["scenarios", "paths", "seed"],
            _ => ["scenario", "paths", "seed"],
        };
        if (root is null)
        {
            return Fail("$", $"must be a JSON object with {string.Join(", ", allowed)}");
        }

        var errors = new List<ValidationIssue>();
        foreach (var (name, _) in root.Where(p => !allowed.Contains(p.Key, StringComparer.Ordinal)))
        {
            errors.Add(new ValidationIssue("$." + name, $"unknown field; a {KindNames.Name(kind)} request has {string.Join(", ", allowed)}"));
        }

        // The scenarios, each as its own run request (paths and seed ride with the first).
        var elements = new List<(JsonNode? Node, string Path)>();
        if (kind == AnalysisKind.Compare)
        {
            if (root["scenarios"] is JsonArray list && list.Count == CompareScenarios)
            {
                elements.AddRange(list.Select((n, i) => (n, $"$.scenarios[{i}]")));
            }
            else
            {
                errors.Add(new ValidationIssue("$.scenarios", "must be an array of two scenarios, A then B: each a name in scenarios/ or a scenario object"));
            }
        }
        else if (root.ContainsKey("scenario"))
        {
            elements.Add((root["scenario"], "$.scenario"));
        }
        else
        {
            errors.Add(new ValidationIssue("$.scenario", "required: a name in scenarios/ or a scenario object"));
        }

        var resolved = new List<Jobs.RunRequest>();
        for (int i = 0; i < elements.Count; i++)
        {
            var envelope = new JsonObject { ["scenario"] = elements[i].Node?.DeepClone() };
            if (i == 0)
            {
                foreach (var key in EnvelopeKeys.Where(root.ContainsKey))
                {
                    envelope[key] = root[key]?.DeepClone();
                }
            }

            var parsed = runs.Read(Encoding.UTF8.GetBytes(envelope.ToJsonString()), null, null);
            errors.AddRange(parsed.Errors.Select(e => e with
            {
                Path = e.Path.StartsWith("$.scenario", StringComparison.Ordinal) ? elements[i].Path + e.Path["$.scenario".Length..] : e.Path,
            }));
            if (parsed.Request is not null)
            {
                resolved.Add(parsed.Request);
            }
        }

        string? field = null, target = null;
        if (kind == AnalysisKind.Solve)
        {
            field = root["for"] is JsonValue f && f.TryGetValue(out string? s) ? s : null;
            if (field is null || SolveFields.Find(field) is null)
            {
                errors.Add(new ValidationIssue("$.for", $"must be one of {AnalysisRunner.FieldList}"));
            }

            string targetText = root["target"] is null ? SolveTarget.Default.ToString()
                : root["target"] is JsonValue t && t.TryGetValue(out string? ts) ? ts : "";
            var parsedTarget = SolveTarget.TryParse(targetText, out var error);
            if (parsedTarget is null)
            {
                errors.Add(new ValidationIssue("$.target", error ?? "must be success=P or terminalReal=X"));
            }

            target = parsedTarget?.ToString();
        }

        if (errors.Count > 0 || resolved.Count != elements.Count || resolved.Count == 0)
        {
            return new AnalysisRequestParse(null, errors);
        }

        return new AnalysisRequestParse(new AnalysisRequest
        {
            Kind = kind,
            ScenarioJsons = resolved.Select(r => r.ScenarioJson).ToList(),
            ScenarioNames = resolved.Select(r => r.ScenarioName).ToList(),
            Field = field,
            Target = target,
            Paths = resolved[0].Paths,
            Seed = resolved[0].Seed,
        }, []);
    }

    private static AnalysisRequestParse Fail(string path, string message) => new(null, [new ValidationIssue(path, message)]);
}
