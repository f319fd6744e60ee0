using System.Globalization;
using System.Reflection;

namespace Sim.Engine.Rules;

/// <summary>
/// Reads the engine's embedded reference tables (<c>Sim.Engine/Data/*.csv</c>, logical name
/// <c>Sim.Engine.Data.&lt;file&gt;</c>). Lines starting with <c>#</c> (the provenance line) and blank lines are skipped;
/// the first remaining line is the header. Fields may be double-quoted (RFC 4180). Numbers are parsed with the
/// invariant culture. This is the only I/O in the rules layer, and it reads the assembly's own resources.
/// </summary>
internal sealed class EmbeddedCsv
{
    private readonly Dictionary<string, int> _columns;

    private EmbeddedCsv(string resourceName, string[] header, List<string[]> rows)
    {
        ResourceName = resourceName;
        Header = header;
        Rows = rows;
        _columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Length; i++)
        {
            _columns[header[i]] = i;
        }
    }

    public string ResourceName { get; }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>The first provenance line of a resource, without the leading <c>#</c> and spaces.</summary>
    public static string Origin(string fileName)
    {
        foreach (string line in ReadLines(fileName))
        {
            if (line.StartsWith('#'))
            {
                return line.TrimStart('#').Trim();
            }
        }

        return "";
    }

    /// <summary>Loads <c>Sim.Engine.Data.<paramref name="fileName"/></c>.</summary>
    public static EmbeddedCsv Load(string fileName)
    {
        string? header = null;
        var rows = new List<string[]>();
        string[]? headerFields = null;
        foreach (string line in ReadLines(fileName))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (header is null)
            {
                header = line;
                headerFields = Split(line);
                continue;
            }

            rows.Add(Split(line));
        }

        if (headerFields is null)
        {
            throw new InvalidDataException($"Embedded table {fileName} has no header line.");
        }

        return new EmbeddedCsv(fileName, headerFields, rows);
    }

    public int Column(string name) =>
        _columns.TryGetValue(name, out int i)
            ? i
            : throw new InvalidDataException($"Embedded table {ResourceName} has no column '{name}'.");

    public static double ParseDouble(string field) => double.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture);

    public static decimal ParseDecimal(string field) => decimal.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture);

    public static int ParseInt(string field) => int.Parse(field, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static IEnumerable<string> ReadLines(string fileName)
    {
        string name = "Sim.Engine.Data." + fileName;
        Assembly assembly = typeof(EmbeddedCsv).Assembly;
        using Stream stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            yield return line.TrimEnd('\r');
        }
    }

    private static string[] Split(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return [.. fields];
    }
}
