using System.Text.Json;

namespace Sim.Engine.Scenarios.Parsing;

/// <summary>
/// Reads one JSON object of a scenario by hand: it reports duplicate keys and unknown names on opening, and each
/// typed getter reports a wrong type or an out-of-range value at the field's path and returns the fallback, so
/// reading always continues and every error is collected.
/// </summary>
internal sealed class JsonObjectReader
{
    private readonly Dictionary<string, JsonElement> _fields;

    private JsonObjectReader(string path, IssueCollector issues, Dictionary<string, JsonElement> fields)
    {
        Path = path;
        Issues = issues;
        _fields = fields;
    }

    public string Path { get; }

    public IssueCollector Issues { get; }

    /// <summary>Opens <paramref name="element"/> as an object whose fields must be among <paramref name="allowed"/>.
    /// Returns null (with an error) when it is not an object.</summary>
    public static JsonObjectReader? Open(JsonElement element, string path, IssueCollector issues,
        IReadOnlyList<string> allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            issues.Error(path, $"expected an object, got {Describe(element)}");
            return null;
        }

        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var misspelled = new List<string>();
        foreach (var property in element.EnumerateObject())
        {
            var childPath = JsonPaths.Child(path, property.Name);
            if (!fields.TryAdd(property.Name, property.Value))
            {
                issues.Error(childPath, "duplicate key; a field may appear only once");
                continue;
            }

            if (!allowed.Contains(property.Name))
            {
                issues.Error(childPath, UnknownFieldMessage(property.Name, allowed));
                if (NameSuggestions.Closest(property.Name, allowed) is { } meant)
                {
                    misspelled.Add(meant);
                }
            }
        }

        // A misspelled field leaves the intended one at its default; rules that read it would report follow-on
        // errors about a value the user never chose.
        foreach (var meant in misspelled.Where(m => !fields.ContainsKey(m)))
        {
            issues.MarkUnreliable(JsonPaths.Child(path, meant));
        }

        return new JsonObjectReader(path, issues, fields);
    }

    /// <summary>"unknown field; did you mean "retirementAge"? allowed: birthYear, retirementAge, ...".</summary>
    public static string UnknownFieldMessage(string name, IReadOnlyList<string> allowed)
    {
        var suggestion = NameSuggestions.Closest(name, allowed);
        var hint = suggestion is null ? "" : $" did you mean \"{suggestion}\"?";
        return $"unknown field;{hint} allowed: {string.Join(", ", allowed)}";
    }

    /// <summary>The field exists with a non-null value.</summary>
    public bool Has(string name) => _fields.TryGetValue(name, out var e) && e.ValueKind != JsonValueKind.Null;

    /// <summary>The field exists (null included).</summary>
    public bool Contains(string name) => _fields.ContainsKey(name);

    public string PathOf(string name) => JsonPaths.Child(Path, name);

    /// <summary>The raw value of a field that exists (see <see cref="Contains"/>), for a value of several shapes.</summary>
    public JsonElement Raw(string name) => _fields[name];

    /// <summary>Reports a missing or null field; true when it has a value.</summary>
    public bool Require(string name)
    {
        if (Has(name))
        {
            return true;
        }

        Issues.Error(PathOf(name), Contains(name) ? "required field must not be null" : "required field is missing");
        return false;
    }

    /// <summary>A nested object. Missing gives null silently; JSON null gives null when <paramref name="nullable"/>,
    /// otherwise an error.</summary>
    public JsonObjectReader? Section(string name, IReadOnlyList<string> allowed, bool nullable = false)
    {
        if (!_fields.TryGetValue(name, out var e) || (nullable && e.ValueKind == JsonValueKind.Null))
        {
            return null;
        }

        return Open(e, PathOf(name), Issues, allowed);
    }

    public double Number(string name, double fallback, NumberRange range) =>
        _fields.TryGetValue(name, out var e) && ReadNumber(e, PathOf(name), Issues, range) is { } v ? v : fallback;

    /// <summary>Missing or null gives null; an invalid value gives null with an error.</summary>
    public double? OptionalNumber(string name, NumberRange range) =>
        Has(name) ? ReadNumber(_fields[name], PathOf(name), Issues, range) : null;

    public int Integer(string name, int fallback, NumberRange range) =>
        _fields.TryGetValue(name, out var e) && ReadInteger(e, PathOf(name), Issues, range) is { } v ? v : fallback;

    public int? OptionalInteger(string name, NumberRange range) =>
        Has(name) ? ReadInteger(_fields[name], PathOf(name), Issues, range) : null;

    public ulong UnsignedInteger(string name, ulong fallback)
    {
        if (!_fields.TryGetValue(name, out var e))
        {
            return fallback;
        }

        if (e.ValueKind == JsonValueKind.Number && e.TryGetUInt64(out var v))
        {
            return v;
        }

        if (e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var d) && d == Math.Floor(d) && d >= 0
            && d < 18446744073709551615.0)
        {
            return (ulong)d;
        }

        Issues.Error(PathOf(name), e.ValueKind == JsonValueKind.Number
            ? $"must be a whole number between 0 and 18446744073709551615, got {e.GetRawText()}"
            : $"expected a whole number, got {Describe(e)}");
        return fallback;
    }

    public bool Boolean(string name, bool fallback)
    {
        if (!_fields.TryGetValue(name, out var e))
        {
            return fallback;
        }

        if (e.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return e.GetBoolean();
        }

        Issues.Error(PathOf(name), $"expected true or false, got {Describe(e)}");
        return fallback;
    }

    public string String(string name, string fallback) =>
        _fields.TryGetValue(name, out var e) && ReadString(e, PathOf(name), Issues) is { } s ? s : fallback;

    public string? OptionalString(string name) => Has(name) ? ReadString(_fields[name], PathOf(name), Issues) : null;

    public T Enum<T>(string name, T fallback) where T : struct, Enum =>
        _fields.TryGetValue(name, out var e) && ReadEnum<T>(e, PathOf(name), Issues) is { } v ? v : fallback;

    /// <summary>The elements of an array field with their paths. Missing gives null silently; a non-array gives
    /// null with an error; more than <paramref name="maxItems"/> elements is an error.</summary>
    public IReadOnlyList<(JsonElement Element, string Path)>? Array(string name, int maxItems)
    {
        if (!_fields.TryGetValue(name, out var e))
        {
            return null;
        }

        var path = PathOf(name);
        if (e.ValueKind != JsonValueKind.Array)
        {
            Issues.Error(path, $"expected an array, got {Describe(e)}");
            return null;
        }

        var length = e.GetArrayLength();
        if (length > maxItems)
        {
            Issues.Error(path, $"at most {maxItems} entries allowed, got {length}");
            return null;
        }

        return [.. e.EnumerateArray().Select((x, i) => (x, JsonPaths.Index(path, i)))];
    }

    /// <summary>Reports a field given for a variant it does not apply to (it is read but has no effect).</summary>
    public void WarnIgnored(string name, string reason)
    {
        if (Contains(name))
        {
            Issues.Warning(PathOf(name), $"ignored {reason}");
        }
    }

    public static double? ReadNumber(JsonElement e, string path, IssueCollector issues, NumberRange range)
    {
        if (e.ValueKind != JsonValueKind.Number)
        {
            issues.Error(path, $"expected a number, got {Describe(e)}");
            return null;
        }

        if (!e.TryGetDouble(out var v) || !double.IsFinite(v))
        {
            issues.Error(path, $"number out of range: {e.GetRawText()}");
            return null;
        }

        if (!range.Contains(v))
        {
            issues.Error(path, $"{range.Describe()}, got {NumberRange.Format(v)}");
            return null;
        }

        return v;
    }

    /// <summary>A whole number; any JSON spelling of an integral value is accepted (65, 65.0, 1e7).</summary>
    public static int? ReadInteger(JsonElement e, string path, IssueCollector issues, NumberRange range)
    {
        if (e.ValueKind != JsonValueKind.Number)
        {
            issues.Error(path, $"expected a whole number, got {Describe(e)}");
            return null;
        }

        if (!e.TryGetDouble(out var v) || !double.IsFinite(v) || v != Math.Floor(v))
        {
            issues.Error(path, $"expected a whole number, got {e.GetRawText()}");
            return null;
        }

        if (!range.Contains(v) || v < int.MinValue || v > int.MaxValue)
        {
            issues.Error(path, $"{range.Describe()}, got {NumberRange.Format(v)}");
            return null;
        }

        return (int)v;
    }

    public static string? ReadString(JsonElement e, string path, IssueCollector issues)
    {
        if (e.ValueKind == JsonValueKind.String)
        {
            return e.GetString();
        }

        issues.Error(path, $"expected a string, got {Describe(e)}");
        return null;
    }

    public static T? ReadEnum<T>(JsonElement e, string path, IssueCollector issues) where T : struct, Enum =>
        ReadChoice(e, path, issues, ScenarioEnumNames.All<T>()) is { } s && ScenarioEnumNames.TryParse<T>(s, out var value)
            ? value
            : null;

    /// <summary>A string field that must be one of <paramref name="allowed"/> (exact spelling): the value, or
    /// <paramref name="fallback"/> when missing or wrong (with an error naming the allowed spellings).</summary>
    public string Choice(string name, IReadOnlyList<string> allowed, string fallback) =>
        _fields.TryGetValue(name, out var e) && ReadChoice(e, PathOf(name), Issues, allowed) is { } v ? v : fallback;

    /// <summary>True when the field is present and not one of <paramref name="allowed"/> (an error was reported).</summary>
    public bool HasBadChoice(string name, IReadOnlyList<string> allowed) =>
        _fields.TryGetValue(name, out var e) && (e.ValueKind != JsonValueKind.String || !allowed.Contains(e.GetString()!));

    private static string? ReadChoice(JsonElement e, string path, IssueCollector issues, IReadOnlyList<string> allowed)
    {
        if (e.ValueKind != JsonValueKind.String)
        {
            issues.Error(path, $"must be one of {string.Join(", ", allowed)}, got {Describe(e)}");
            return null;
        }

        var s = e.GetString()!;
        if (allowed.Contains(s))
        {
            return s;
        }

        var suggestion = NameSuggestions.Closest(s, allowed);
        var hint = suggestion is null ? "" : $" (did you mean \"{suggestion}\"?)";
        issues.Error(path, $"must be one of {string.Join(", ", allowed)}, got \"{Shorten(s)}\"{hint}");
        return null;
    }

    /// <summary>"string "85k"", "number 3", "object", "array", "boolean", "null".</summary>
    public static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"string \"{Shorten(e.GetString()!)}\"",
        JsonValueKind.Number => $"number {e.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"boolean {e.GetRawText()}",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        _ => "null",
    };

    private static string Shorten(string s) => s.Length <= 40 ? s : string.Concat(s.AsSpan(0, 37), "...");
}
