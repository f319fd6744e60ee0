using System.Globalization;

namespace Sim.Engine.Calibration;

/// <summary>
/// Reads a history CSV for calibration. Two headers are understood, columns in any order:
/// the scenario format of spec section 3 (<c>year,stocks,bonds,cash,inflation[,reits]</c>) and the Damodaran
/// layout of the shipped data (<c>sp500_total_return</c> = stocks, <c>tbond_10y</c> = bonds, <c>tbill_3m</c> = cash,
/// <c>cpi_u_inflation_dec_dec</c> = inflation). Lines starting with <c>#</c> and blank lines are skipped; values
/// are decimals in invariant culture (0.05 = 5%); years must increase by one.
/// </summary>
public static class HistoryCsv
{
    private static readonly (string Column, string[] Names)[] Columns =
    [
        ("year", ["year"]),
        ("stocks", ["stocks", "sp500_total_return"]),
        ("bonds", ["bonds", "tbond_10y"]),
        ("cash", ["cash", "tbill_3m"]),
        ("inflation", ["inflation", "cpi_u_inflation_dec_dec"]),
        ("reits", ["reits"]),
    ];

    /// <exception cref="FormatException">The text is not such a CSV; the message names the line and column.</exception>
    public static AnnualHistory Parse(string text, string name)
    {
        var lines = text.Split('\n')
            .Select((line, i) => (Text: line.TrimEnd('\r').Trim(), Number: i + 1))
            .Where(l => l.Text.Length > 0 && !l.Text.StartsWith('#'))
            .ToList();
        if (lines.Count == 0)
        {
            throw new FormatException($"{name}: empty file; expected a header year,stocks,bonds,cash,inflation[,reits]");
        }

        string[] header = lines[0].Text.Split(',').Select(h => h.Trim().Trim('"').ToLowerInvariant()).ToArray();
        var index = new int[Columns.Length];
        for (int c = 0; c < Columns.Length; c++)
        {
            index[c] = Array.FindIndex(header, h => Columns[c].Names.Contains(h));
            if (index[c] < 0 && Columns[c].Column != "reits")
            {
                throw new FormatException(
                    $"{name}: line {lines[0].Number}: no '{Columns[c].Column}' column; expected a header " +
                    "year,stocks,bonds,cash,inflation[,reits] (or the Damodaran columns sp500_total_return, " +
                    "tbond_10y, tbill_3m, cpi_u_inflation_dec_dec)");
            }
        }

        var values = Columns.Select(_ => new List<double>()).ToArray();
        var years = new List<int>();
        foreach (var (line, number) in lines.Skip(1))
        {
            string[] cells = line.Split(',');
            for (int c = 0; c < Columns.Length; c++)
            {
                if (index[c] < 0)
                {
                    continue;
                }

                string cell = index[c] < cells.Length ? cells[index[c]].Trim().Trim('"') : "";
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ||
                    !double.IsFinite(v))
                {
                    throw new FormatException(
                        $"{name}: line {number}: {Columns[c].Column} '{cell}' is not a number (decimals, 0.05 = 5%)");
                }

                values[c].Add(v);
            }

            double year = values[0][^1];
            if (year != Math.Floor(year))
            {
                throw new FormatException($"{name}: line {number}: year '{Text(year)}' is not a whole number");
            }

            if (years.Count > 0 && year != years[^1] + 1)
            {
                throw new FormatException(
                    $"{name}: line {number}: year {Text(year)} does not follow {years[^1]}; one row per consecutive year");
            }

            years.Add((int)year);
        }

        return new AnnualHistory(name, years, values[1], values[2], values[3], index[5] >= 0 ? values[5] : null,
            values[4]);

        static string Text(double v) => v.ToString(CultureInfo.InvariantCulture);
    }
}
