using System.Globalization;

namespace Sim.Engine.Returns;

/// <summary>One historical year: simple annual returns (0.05 = 5%) and inflation.</summary>
public readonly record struct HistoryYear(int Year, double Stocks, double Bonds, double Cash, double Reits, double Inflation);

/// <summary>
/// Annual history for the bootstrap and historical models: consecutive years of stock, bond, cash and optionally
/// REIT returns, plus inflation. Immutable; safe to share between threads.
/// </summary>
public sealed class MarketHistory
{
    /// <summary>Resource name of the embedded Damodaran file (first line: its origin).</summary>
    public const string BuiltInResource = "Sim.Engine.Data.damodaran_histretSP_1928_2025.csv";

    /// <summary>Source name of <see cref="BuiltIn"/>.</summary>
    public const string BuiltInSource = "Damodaran histretSP 1928-2025";

    private static readonly Lazy<MarketHistory> BuiltInHistory = new(LoadBuiltIn);

    private readonly double[] _stocks;
    private readonly double[] _bonds;
    private readonly double[] _cash;
    private readonly double[]? _reits;
    private readonly double[] _inflation;

    private MarketHistory(string source, int firstYear, double[] stocks, double[] bonds, double[] cash, double[]? reits,
        double[] inflation)
    {
        Source = source;
        FirstYear = firstYear;
        _stocks = stocks;
        _bonds = bonds;
        _cash = cash;
        _reits = reits;
        _inflation = inflation;
    }

    /// <summary>Where the numbers come from (file name or <see cref="BuiltInSource"/>).</summary>
    public string Source { get; }

    /// <summary>Calendar year of the first row.</summary>
    public int FirstYear { get; }
    /// <summary>Calendar year of the last row (the years are consecutive).</summary>
    public int LastYear => FirstYear + Count - 1;
    /// <summary>Number of years.</summary>
    public int Count => _stocks.Length;

    /// <summary>True when the history has its own REIT series; otherwise REIT returns are filled (spec 12).</summary>
    public bool HasReits => _reits is not null;

    /// <summary>Stocks' simple annual return per year, first year first.</summary>
    public IReadOnlyList<double> Stocks => _stocks;
    /// <summary>Bonds' simple annual return per year.</summary>
    public IReadOnlyList<double> Bonds => _bonds;
    /// <summary>Cash's simple annual return per year.</summary>
    public IReadOnlyList<double> Cash => _cash;
    /// <summary>REITs' simple annual return per year; null when the history has none.</summary>
    public IReadOnlyList<double>? Reits => _reits;
    /// <summary>Annual inflation per year.</summary>
    public IReadOnlyList<double> Inflation => _inflation;

    internal double[] StocksArray => _stocks;
    internal double[] BondsArray => _bonds;
    internal double[] CashArray => _cash;
    internal double[]? ReitsArray => _reits;
    internal double[] InflationArray => _inflation;

    /// <summary>Row <paramref name="index"/> (0 = <see cref="FirstYear"/>); Reits is NaN when the history has none.</summary>
    public HistoryYear this[int index] => new(FirstYear + index, _stocks[index], _bonds[index], _cash[index],
        _reits?[index] ?? double.NaN, _inflation[index]);

    /// <summary>
    /// The built-in history (spec 3): Damodaran's histretSP 1928-2025, stocks = S&amp;P 500 with dividends,
    /// bonds = 10-year Treasury, cash = 3-month T-bill, inflation = CPI-U (Dec/Dec). No REIT series.
    /// </summary>
    public static MarketHistory BuiltIn() => BuiltInHistory.Value;

    /// <summary>
    /// Parses a user history CSV: a header <c>year,stocks,bonds,cash,inflation</c> with an optional <c>reits</c>
    /// column (any order, case-insensitive), then one row per consecutive year of decimal annual returns. Blank
    /// lines and lines starting with <c>#</c> are ignored.
    /// </summary>
    /// <exception cref="FormatException">With one line per problem, "source line N: what is wrong", ready to print.</exception>
    public static MarketHistory ParseCsv(string csvText, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(csvText);
        var columns = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["year"] = "year", ["stocks"] = "stocks", ["bonds"] = "bonds", ["cash"] = "cash",
            ["inflation"] = "inflation", ["reits"] = "reits",
        };
        return Parse(csvText, sourceName, columns, allowOtherColumns: false);
    }

    /// <summary>Like <see cref="ParseCsv"/> but returns false and the message instead of throwing.</summary>
    public static bool TryParseCsv(string csvText, string sourceName, out MarketHistory? history, out string error)
    {
        try
        {
            history = ParseCsv(csvText, sourceName);
            error = "";
            return true;
        }
        catch (FormatException e)
        {
            history = null;
            error = e.Message;
            return false;
        }
    }

    private static MarketHistory LoadBuiltIn()
    {
        using Stream stream = typeof(MarketHistory).Assembly.GetManifestResourceStream(BuiltInResource)
            ?? throw new InvalidOperationException($"embedded resource {BuiltInResource} is missing");
        using var reader = new StreamReader(stream);
        var columns = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["year"] = "year", ["sp500_total_return"] = "stocks", ["tbond_10y"] = "bonds", ["tbill_3m"] = "cash",
            ["cpi_u_inflation_dec_dec"] = "inflation",
        };
        return Parse(reader.ReadToEnd(), BuiltInSource, columns, allowOtherColumns: true);
    }

    private const int MaxReportedErrors = 20;

    /// <summary>A cell without the double quotes a spreadsheet puts around it (<c>"0.28"</c> is 0.28).</summary>
    private static string Unquote(string cell) =>
        cell.Length >= 2 && cell[0] == '"' && cell[^1] == '"' ? cell[1..^1].Trim() : cell;

    /// <param name="text">The CSV text, header row first.</param>
    /// <param name="source">Where the text came from (a file name or the built-in table), named in every error.</param>
    /// <param name="columns">CSV header name → logical column (year, stocks, bonds, cash, inflation, reits).</param>
    /// <param name="allowOtherColumns">Whether a header the mapping does not name is ignored rather than an error.</param>
    private static MarketHistory Parse(string text, string source, Dictionary<string, string> columns, bool allowOtherColumns)
    {
        var errors = new List<string>();
        void Error(int line, string message) => errors.Add($"{source} line {line}: {message}");

        string[] lines = text.Split('\n');
        int[]? indexOf = null; // logical column → field index
        string[] logical = ["year", "stocks", "bonds", "cash", "inflation", "reits"];
        int fieldCount = 0;
        var years = new List<int>();
        var values = new List<double>[5] { [], [], [], [], [] }; // stocks, bonds, cash, inflation, reits
        bool hasReits = false;

        for (int n = 0; n < lines.Length && errors.Count < MaxReportedErrors; n++)
        {
            int lineNumber = n + 1;
            string line = lines[n].TrimEnd('\r').Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            string[] fields = line.Split(',');
            for (int f = 0; f < fields.Length; f++)
            {
                fields[f] = Unquote(fields[f].Trim());
            }

            if (indexOf is null)
            {
                indexOf = Enumerable.Repeat(-1, logical.Length).ToArray();
                fieldCount = fields.Length;
                for (int f = 0; f < fields.Length; f++)
                {
                    if (!columns.TryGetValue(fields[f], out string? name))
                    {
                        if (!allowOtherColumns)
                        {
                            Error(lineNumber, $"column {f + 1} of the header is not one of year, stocks, bonds, cash, inflation and optionally reits");
                        }

                        continue;
                    }

                    int k = Array.IndexOf(logical, name);
                    if (indexOf[k] >= 0)
                    {
                        Error(lineNumber, $"column {logical[k]} appears twice");
                    }

                    indexOf[k] = f;
                }

                for (int k = 0; k < 5; k++)
                {
                    if (indexOf[k] < 0)
                    {
                        Error(lineNumber, $"the header has no '{logical[k]}' column (expected year, stocks, bonds, cash, inflation and optionally reits)");
                    }
                }

                hasReits = indexOf[5] >= 0;
                if (errors.Count > 0)
                {
                    break;
                }

                continue;
            }

            if (fields.Length != fieldCount)
            {
                Error(lineNumber, $"expected {fieldCount} fields, found {fields.Length}");
                continue;
            }

            string yearText = fields[indexOf[0]];
            if (!int.TryParse(yearText, NumberStyles.Integer, CultureInfo.InvariantCulture, out int year))
            {
                Error(lineNumber, $"the year (column {indexOf[0] + 1}) is not a whole number");
                continue;
            }

            if (years.Count > 0 && year != years[^1] + 1)
            {
                Error(lineNumber, $"year {year} follows {years[^1]}: years must be consecutive and increasing");
            }

            years.Add(year);
            for (int v = 0; v < 5; v++)
            {
                int k = v + 1; // logical column: stocks, bonds, cash, inflation, reits
                if (k == 5 && !hasReits)
                {
                    continue;
                }

                string cell = fields[indexOf[k]];
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                {
                    Error(lineNumber, $"{logical[k]} (column {indexOf[k] + 1}) is not a number (use decimals such as 0.05 for 5%)");
                }
                else if (value <= -1.0)
                {
                    Error(lineNumber, $"{logical[k]} {value.ToString(CultureInfo.InvariantCulture)} is not above -1 (a return or inflation rate of -100% or less)");
                }

                values[v].Add(value);
            }
        }

        if (errors.Count == 0 && indexOf is null)
        {
            Error(1, "the file is empty (expected a header year,stocks,bonds,cash,inflation[,reits])");
        }
        else if (errors.Count == 0 && years.Count == 0)
        {
            Error(lines.Length, "the file has a header but no data rows");
        }

        if (errors.Count > 0)
        {
            string more = errors.Count >= MaxReportedErrors ? "\n(stopped after 20 problems)" : "";
            throw new FormatException(string.Join("\n", errors) + more);
        }

        return new MarketHistory(source, years[0], [.. values[0]], [.. values[1]], [.. values[2]],
            hasReits ? [.. values[4]] : null, [.. values[3]]);
    }
}
