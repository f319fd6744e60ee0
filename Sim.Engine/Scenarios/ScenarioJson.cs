using System.Text.Json;
using System.Text.RegularExpressions;
using Sim.Engine.Scenarios.Parsing;

namespace Sim.Engine.Scenarios;

/// <summary>
/// Strict reading of scenario JSON (spec section 11). The document is walked by hand so that every problem is
/// collected, each with its JSON path: unknown fields (with the closest allowed name), wrong types, values out
/// of range, enum spellings, duplicate keys, and rules that tie fields together. Pure: no files, no clock.
/// </summary>
/// <remarks>
/// Syntax: standard JSON (RFC 8259) plus <c>//</c> and <c>/* */</c> comments, so a scenario can cite its sources.
/// Trailing commas are rejected, as are duplicate keys. Explicit <c>null</c> is accepted only where the contract
/// has an optional value (rothBasis, rothFirstContributionYear, spouse, inService, amount, history,
/// limitIndexing) and means "not given".
/// </remarks>
public static partial class ScenarioJson
{
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 1000;

    /// <summary>Top-level sections, in the contract's order.</summary>
    public static readonly IReadOnlyList<string> TopLevelFields =
    [
        "name", "description", "simulation", "participant", "account", "contributions", "employer", "fees",
        "allocation", "returns", "withdrawals", "loans", "taxes", "income", "separation",
    ];

    /// <summary>The reader settings used for every scenario and overlay document.</summary>
    public static JsonDocumentOptions DocumentOptions { get; } = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = false,
        MaxDepth = 64,
    };

    /// <summary>Reads and validates a scenario. Never throws on bad input: malformed JSON is one error with its
    /// line and position.</summary>
    /// <param name="json">The scenario document.</param>
    /// <param name="defaultStartYear">startYear when the document has none (the caller's clock year; the engine
    /// never reads a clock).</param>
    public static ScenarioParseResult Parse(string json, int defaultStartYear) => Parse(json, defaultStartYear, null);

    /// <summary>As <see cref="Parse(string, int)"/>; <paramref name="defaultName"/> (e.g. the file name without
    /// extension) names the scenario when the document has no <c>name</c> and is itself file-safe.</summary>
    public static ScenarioParseResult Parse(string json, int defaultStartYear, string? defaultName)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (!TryParseDocument(json, out var document, out var syntaxError))
        {
            return new ScenarioParseResult(null, [syntaxError!], []);
        }

        using (document)
        {
            var issues = new IssueCollector();
            var scenario = Read(document!.RootElement, issues, defaultStartYear, defaultName);
            return new ScenarioParseResult(scenario, issues.Errors, issues.Warnings);
        }
    }

    /// <summary>True for a file-safe scenario name: letters, digits, '-' and '_', 1 to 100 characters.</summary>
    public static bool IsFileSafeName(string name) => name.Length is > 0 and <= MaxNameLength && FileSafe().IsMatch(name);

    /// <summary>The same document without comments, indented: the form to store in output metadata, readable by
    /// any JSON parser. Throws <see cref="JsonException"/> for malformed input.</summary>
    public static string ToPlainJson(string json)
    {
        using var document = JsonDocument.Parse(json, DocumentOptions);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
               {
                   Indented = true,
                   Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
               }))
        {
            document.RootElement.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Parses with <see cref="DocumentOptions"/>; a syntax error becomes one issue at <c>$</c> with the
    /// 1-based line and byte position the reader stopped at.</summary>
    internal static bool TryParseDocument(string json, out JsonDocument? document, out ValidationIssue? error)
    {
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
            if (FindInvalidString(document.RootElement, JsonPaths.Root) is { } badPath)
            {
                document.Dispose();
                document = null;
                error = new ValidationIssue(badPath,
                    "malformed JSON: a \\u escape in this string or name is an unpaired UTF-16 surrogate");
                return false;
            }

            error = null;
            return true;
        }
        catch (JsonException e)
        {
            var message = LineInfo().Replace(e.Message, "").Trim();
            if (message.Contains("trailing comma", StringComparison.OrdinalIgnoreCase))
            {
                message = "a trailing comma is not allowed (comments are)";
            }

            var where = e.LineNumber is { } line
                ? $" at line {line + 1}, position {(e.BytePositionInLine ?? 0) + 1}"
                : "";
            document = null;
            error = new ValidationIssue(JsonPaths.Root, $"malformed JSON{where}: {message}");
            return false;
        }
        catch (ArgumentException e)
        {
            document = null;
            error = new ValidationIssue(JsonPaths.Root, $"malformed JSON: {e.Message}");
            return false;
        }
    }

    /// <summary>System.Text.Json accepts an escaped lone surrogate (\uD800) while parsing but throws when the
    /// string is read; find the first such string or property name so it is reported, not thrown.</summary>
    private static string? FindInvalidString(JsonElement e, string path)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                try
                {
                    _ = e.GetString();
                    return null;
                }
                catch (InvalidOperationException)
                {
                    return path;
                }

            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = p.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return path;
                    }

                    if (FindInvalidString(p.Value, JsonPaths.Child(path, name)) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;

            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in e.EnumerateArray())
                {
                    if (FindInvalidString(item, JsonPaths.Index(path, i++)) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;

            default:
                return null;
        }
    }

    private static Scenario Read(JsonElement root, IssueCollector issues, int defaultStartYear, string? defaultName)
    {
        var o = JsonObjectReader.Open(root, JsonPaths.Root, issues, TopLevelFields);
        if (o is null)
        {
            return new Scenario();
        }

        var name = o.String("name", defaultName is not null && IsFileSafeName(defaultName) ? defaultName : new Scenario().Name);
        if (o.Has("name") && issues.AllOk(o.PathOf("name")) && !IsFileSafeName(name))
        {
            issues.Error(o.PathOf("name"),
                $"must be file-safe: 1 to {MaxNameLength} letters, digits, '-' or '_', got \"{name}\"");
        }

        var description = o.String("description", "");
        if (description.Length > MaxDescriptionLength)
        {
            issues.Error(o.PathOf("description"),
                $"at most {MaxDescriptionLength} characters, got {description.Length}");
        }

        if (!o.Contains("participant"))
        {
            issues.Error(o.PathOf("participant"), "required field is missing (at least participant.birthYear)");
        }

        // Read before taxes: a Social Security stream makes filingStatus matter even with a flat rate.
        var income = IncomeSection.Read(o.Array("income", IncomeSection.MaxStreams), issues);
        var scenario = new Scenario
        {
            Name = name,
            Description = description,
            Simulation = SimulationSection.Read(o.Section("simulation", SimulationSection.Fields), issues, defaultStartYear),
            Participant = ParticipantSection.Read(o.Section("participant", ParticipantSection.Fields)),
            Account = AccountSection.Read(o.Section("account", AccountSection.Fields)),
            Contributions = ContributionsSection.Read(o.Section("contributions", ContributionsSection.Fields)),
            Employer = EmployerSection.Read(o.Section("employer", EmployerSection.Fields), issues),
            Fees = FeesSection.Read(o.Section("fees", FeesSection.Fields)),
            Allocation = AllocationSection.Read(o.Section("allocation", AllocationSection.Fields), issues),
            Returns = ReturnsSection.Read(o.Section("returns", ReturnsSection.Fields), issues),
            Withdrawals = WithdrawalsSection.Read(o.Section("withdrawals", WithdrawalsSection.Fields), issues),
            Loans = LoansSection.Read(o.Array("loans", LoansSection.MaxLoans), issues),
            Taxes = TaxesSection.Read(o.Section("taxes", TaxesSection.Fields), issues,
                income.Any(x => x is SocialSecurityIncome)),
            Income = income,
            Separation = SeparationSection.Read(o.Section("separation", SeparationSection.Fields)),
        };

        CrossFieldRules.Check(scenario, issues);
        IncomeRules.Check(scenario, issues);
        return scenario;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-]+\z")]
    private static partial Regex FileSafe();

    /// <summary>System.Text.Json appends "Path: $ | LineNumber: 2 | BytePositionInLine: 4." to its messages.</summary>
    [GeneratedRegex(@"\s*(Path: [^|]*\|\s*)?LineNumber: \d+ \| BytePositionInLine: \d+\.?")]
    private static partial Regex LineInfo();
}
