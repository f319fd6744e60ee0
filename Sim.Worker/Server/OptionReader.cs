using System.Globalization;
using Sim.Worker.Cli;

namespace Sim.Worker.Server;

/// <summary>
/// A small command-line reader: <c>--name value</c>, <c>--name=value</c>, bare <c>--flag</c>, positionals.
/// Every mistake is a <see cref="UsageException"/> (one line, exit code 2). Numbers use the invariant culture.
/// </summary>
public sealed class OptionReader
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private OptionReader(List<string> positionals) => Positionals = positionals;

    /// <summary>Arguments that are not options, in order.</summary>
    public IReadOnlyList<string> Positionals { get; }

    /// <summary>Reads <paramref name="args"/>, accepting only the named options and flags.</summary>
    public static OptionReader Parse(string[] args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string>? flags = null)
    {
        flags ??= [];
        var reader = new OptionReader([]);
        var positionals = (List<string>)reader.Positionals;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                positionals.Add(arg);
                continue;
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? arg[2..eq] : arg[2..];
            if (flags.Contains(name))
            {
                if (eq > 0)
                {
                    throw new UsageException($"--{name} takes no value");
                }

                reader._flags.Add(name);
                continue;
            }

            if (!valueOptions.Contains(name))
            {
                throw new UsageException($"unknown option '--{name}'");
            }

            string value;
            if (eq > 0)
            {
                value = arg[(eq + 1)..];
            }
            else if (i + 1 < args.Length)
            {
                value = args[++i];
            }
            else
            {
                throw new UsageException($"--{name} needs a value");
            }

            if (!reader._values.TryAdd(name, value))
            {
                throw new UsageException($"--{name} is given twice");
            }
        }

        return reader;
    }

    /// <summary>The value of <c>--name</c>, or null.</summary>
    public string? String(string name) => _values.GetValueOrDefault(name);

    /// <summary>True when <c>--name</c> was given.</summary>
    public bool Flag(string name) => _flags.Contains(name);

    /// <summary>An integer option within [min, max], or null.</summary>
    public int? Int(string name, int min, int max)
    {
        if (String(name) is not { } text)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"--{name} must be an integer from {min} to {max}, not '{text}'");
    }

    /// <summary>A non-negative 64-bit integer option, or null.</summary>
    public ulong? UInt64(string name)
    {
        if (String(name) is not { } text)
        {
            return null;
        }

        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new UsageException($"--{name} must be a non-negative integer, not '{text}'");
    }

    /// <summary>A finite number within [min, max], or null.</summary>
    public double? Double(string name, double min, double max)
    {
        if (String(name) is not { } text)
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
               && value >= min && value <= max
            ? value
            : throw new UsageException($"--{name} must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, not '{text}'");
    }

    /// <summary>A duration in seconds (a positive number), or null.</summary>
    public TimeSpan? Seconds(string name, double max) => Double(name, 0.001, max) is { } s ? TimeSpan.FromSeconds(s) : null;

    /// <summary>Fails unless exactly <paramref name="count"/> positionals were given.</summary>
    public void ExpectPositionals(int count, string what)
    {
        if (Positionals.Count != count)
        {
            throw new UsageException(count == 0
                ? $"unexpected argument '{Positionals[0]}'"
                : Positionals.Count < count ? $"missing {what}" : $"unexpected argument '{Positionals[count]}'");
        }
    }
}
