using System.Globalization;

namespace Sim.Worker.Cli;

/// <summary>A small, strict option parser: unknown options and malformed values are usage errors.</summary>
public sealed class CliArgs
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly List<string> _positional = [];

    private CliArgs()
    {
    }

    public IReadOnlyList<string> Positional => _positional;

    /// <param name="args">The verb's arguments.</param>
    /// <param name="valued">Options that take a value (e.g. "--out").</param>
    /// <param name="flags">Options that take none (e.g. "--paths-out").</param>
    public static CliArgs Parse(string[] args, IReadOnlyCollection<string> valued, IReadOnlyCollection<string> flags)
    {
        var result = new CliArgs();
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal))
            {
                result._positional.Add(a);
                continue;
            }

            string name = a, value = "";
            int eq = a.IndexOf('=');
            bool inline = eq > 0;
            if (inline)
            {
                name = a[..eq];
                value = a[(eq + 1)..];
            }

            if (flags.Contains(name) && !inline)
            {
                result._options[name] = null;
            }
            else if (valued.Contains(name))
            {
                if (!inline)
                {
                    if (i + 1 >= args.Length)
                    {
                        throw new UsageException($"{name} needs a value");
                    }

                    value = args[++i];
                }

                result._options[name] = value;
            }
            else
            {
                var known = valued.Concat(flags).OrderBy(x => x, StringComparer.Ordinal);
                throw new UsageException($"unknown option '{name}'; allowed: {string.Join(", ", known)}");
            }
        }

        return result;
    }

    public bool Has(string name) => _options.ContainsKey(name);

    public string? String(string name) => _options.TryGetValue(name, out var v) ? v : null;

    public int? Int(string name, int min, int max)
    {
        if (String(name) is not { } s)
        {
            return null;
        }

        if (!int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) || v < min || v > max)
        {
            throw new UsageException($"{name} must be a whole number from {min} to {max}, got '{s}'");
        }

        return v;
    }

    public ulong? ULong(string name)
    {
        if (String(name) is not { } s)
        {
            return null;
        }

        if (!ulong.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out ulong v))
        {
            throw new UsageException($"{name} must be a non-negative whole number, got '{s}'");
        }

        return v;
    }
}
