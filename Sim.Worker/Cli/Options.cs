using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Sim.Worker.Cli;

/// <summary>
/// Typed options for every verb, built on System.CommandLine. Each factory gives the option its help text and a
/// parser whose error names the option and what is allowed, in one wording for every verb
/// (<c>--paths must be an integer from 1 to 10000000, not 'many'</c>). A bad value is a usage error (exit 2).
/// </summary>
public static class Options
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>An integer option within [min, max].</summary>
    public static Option<int?> Int(string name, string helpName, int min, int max, string description) =>
        new(name)
        {
            Description = description,
            HelpName = helpName,
            CustomParser = r => Single(r, name) is { } text
                ? int.TryParse(text, NumberStyles.AllowLeadingSign, Inv, out var v) && v >= min && v <= max
                    ? v
                    : Fail<int?>(r, $"{name} must be an integer from {min.ToString(Inv)} to {max.ToString(Inv)}, not '{text}'")
                : null,
        };

    /// <summary>A non-negative 64-bit integer option (a seed).</summary>
    public static Option<ulong?> UInt64(string name, string helpName, string description) =>
        new(name)
        {
            Description = description,
            HelpName = helpName,
            CustomParser = r => Single(r, name) is { } text
                ? ulong.TryParse(text, NumberStyles.None, Inv, out var v)
                    ? v
                    : Fail<ulong?>(r, $"{name} must be an integer from 0 to {ulong.MaxValue.ToString(Inv)}, not '{text}'")
                : null,
        };

    /// <summary>A finite number within [min, max].</summary>
    public static Option<double?> Double(string name, string helpName, double min, double max, string description) =>
        new(name)
        {
            Description = description,
            HelpName = helpName,
            CustomParser = r => Single(r, name) is { } text
                ? double.TryParse(text, NumberStyles.Float, Inv, out var v) && double.IsFinite(v) && v >= min && v <= max
                    ? v
                    : Fail<double?>(r, $"{name} must be a number from {min.ToString(Inv)} to {max.ToString(Inv)}, not '{text}'")
                : null,
        };

    /// <summary>A duration in seconds (a positive number up to <paramref name="max"/>).</summary>
    public static Option<TimeSpan?> Seconds(string name, double max, string description) =>
        new(name)
        {
            Description = description,
            HelpName = "SECONDS",
            CustomParser = r => Single(r, name) is { } text
                ? double.TryParse(text, NumberStyles.Float, Inv, out var v) && double.IsFinite(v) && v >= 0.001 && v <= max
                    ? TimeSpan.FromSeconds(v)
                    : Fail<TimeSpan?>(r, $"{name} must be a number of seconds from 0.001 to {max.ToString(Inv)}, not '{text}'")
                : null,
        };

    /// <summary>A calendar date written YYYY-MM-DD.</summary>
    public static Option<DateOnly?> Date(string name, string description) =>
        new(name)
        {
            Description = description,
            HelpName = "YYYY-MM-DD",
            CustomParser = r => Single(r, name) is { } text
                ? DateOnly.TryParseExact(text, "yyyy-MM-dd", Inv, DateTimeStyles.None, out var d)
                    ? d
                    : Fail<DateOnly?>(r, $"{name} must be YYYY-MM-DD, not '{text}'")
                : null,
        };

    /// <summary>A text option (a folder, a URL, a name).</summary>
    public static Option<string?> Text(string name, string helpName, string description, params string[] aliases) =>
        new(name, aliases)
        {
            Description = description,
            HelpName = helpName,
            CustomParser = r => Single(r, name),
        };

    /// <summary>A flag (no value).</summary>
    public static Option<bool> Flag(string name, string description) => new(name) { Description = description, Arity = ArgumentArity.Zero };

    /// <summary>Positional file arguments; a value that looks like an option is reported as an unknown option.</summary>
    public static Argument<string[]> Files(string name, string description) =>
        new(name)
        {
            Description = description,
            Arity = ArgumentArity.ZeroOrMore,
            CustomParser = r =>
            {
                var values = r.Tokens.Select(t => t.Value).ToArray();
                if (values.FirstOrDefault(LooksLikeOption) is { } option)
                {
                    r.AddError(UnknownOption(option, r.Parent as CommandResult));
                }

                return values;
            },
        };

    /// <summary>One optional positional argument (e.g. a run id).</summary>
    public static Argument<string?> One(string name, string description) =>
        new(name)
        {
            Description = description,
            Arity = ArgumentArity.ZeroOrOne,
            CustomParser = r =>
            {
                var value = r.Tokens.Count > 0 ? r.Tokens[0].Value : null;
                if (value is not null && LooksLikeOption(value))
                {
                    r.AddError(UnknownOption(value, r.Parent as CommandResult));
                }

                return value;
            },
        };

    /// <summary><c>unknown option '--x'; allowed: --a, --b</c>.</summary>
    public static string UnknownOption(string token, CommandResult? command)
    {
        var name = token.Split('=', 2)[0];
        var allowed = command?.Command.Options.Where(o => !o.Hidden).Select(o => o.Name)
            .Where(n => n.StartsWith("--", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList() ?? [];
        return allowed.Count > 0 ? $"unknown option '{name}'; allowed: {string.Join(", ", allowed)}" : $"unknown option '{name}'";
    }

    private static bool LooksLikeOption(string value) => value.Length > 1 && value[0] == '-' && !char.IsDigit(value[1]);

    private static string? Single(ArgumentResult r, string name)
    {
        if (r.Tokens.Count == 0)
        {
            return null;
        }

        if (r.Tokens.Count > 1)
        {
            r.AddError($"{name} is given twice");
            return null;
        }

        return r.Tokens[0].Value;
    }

    private static T? Fail<T>(ArgumentResult r, string message)
    {
        r.AddError(message);
        return default;
    }
}
