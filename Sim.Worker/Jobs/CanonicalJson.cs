using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sim.Worker.Jobs;

/// <summary>
/// One spelling for one JSON value, so that formatting never changes a run id: no insignificant whitespace,
/// object members sorted by ordinal name, integers in plain decimal (any size), other numbers in the
/// shortest round-trip form of the double they denote (<c>1.0</c>, <c>1.00</c> and <c>1</c> are one spelling;
/// so are <c>1e2</c> and <c>100</c>), strings with one fixed escaping. Array order is kept: it is meaningful.
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    /// <summary>
    /// The scenario text a run is identified by and computed from: <paramref name="scenarioJson"/> (comments
    /// dropped) with <c>simulation.startYear</c> and <c>name</c> written in when missing (the parser fills them
    /// from the clock and the file name, which must not make one request two runs, nor one run two scenarios),
    /// in canonical form.
    /// </summary>
    public static string ForRun(string scenarioJson, int startYear, string? name = null)
    {
        var root = JsonNode.Parse(scenarioJson, documentOptions: Sim.Engine.Scenarios.ScenarioJson.DocumentOptions) as JsonObject
                   ?? throw new JsonException("a scenario is a JSON object");
        if (name is not null && !root.ContainsKey("name"))
        {
            root["name"] = name;
        }

        if (root["simulation"] is not JsonObject simulation)
        {
            simulation = new JsonObject();
            root["simulation"] = simulation;
        }

        if (!simulation.ContainsKey("startYear"))
        {
            simulation["startYear"] = startYear;
        }

        return Canonicalize(root.ToJsonString());
    }

    /// <summary>The canonical text of <paramref name="json"/>; throws <see cref="JsonException"/> when it is not JSON.</summary>
    public static string Canonicalize(string json)
    {
        using var document = JsonDocument.Parse(json, Sim.Engine.Scenarios.ScenarioJson.DocumentOptions);
        return Canonicalize(document.RootElement);
    }

    /// <summary>The canonical text of one element.</summary>
    public static string Canonicalize(JsonElement element)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, element);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.Number:
                writer.WriteRawValue(CanonicalNumber(element.GetRawText()), skipInputValidation: true);
                break;
            default:
                // Strings, true, false, null: re-encoded by the writer with its fixed escaping.
                element.WriteTo(writer);
                break;
        }
    }

    /// <summary>The canonical spelling of a JSON number token.</summary>
    public static string CanonicalNumber(string token)
    {
        var isInteger = token.IndexOfAny(['.', 'e', 'E']) < 0;
        if (isInteger && BigInteger.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer.ToString(CultureInfo.InvariantCulture);
        }

        var value = double.Parse(token, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(value))
        {
            return token; // beyond double range: keep the author's spelling rather than collapse distinct values
        }

        if (value == Math.Floor(value) && Math.Abs(value) < 1e15)
        {
            return ((long)value).ToString(CultureInfo.InvariantCulture); // 1.0 and 1e2 spell like the integers 1 and 100
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }
}
