using System.CommandLine;
using System.Globalization;
using System.Text;
using Sim.Engine.Calibration;
using Sim.Engine.Returns;
using Sim.Engine.Scenarios;

namespace Sim.Worker.Cli;

/// <summary>
/// <c>calibrate HISTORY.csv | --builtin [--from YEAR] [--to YEAR]</c>: estimates the lognormal return model's inputs from a history (see
/// <see cref="Calibrator"/>) and prints a <c>returns</c> block to paste into a scenario (stdout, JSON); notes on
/// how the numbers were made go to stderr as <c>#</c> lines, so <c>calibrate ... &gt; returns.json</c> keeps the
/// JSON clean.
/// </summary>
public static class CalibrateCommand
{
    /// <summary>The verb.</summary>
    public static Command Create()
    {
        var file = Options.One("HISTORY.csv", "a history CSV: header year,stocks,bonds,cash,inflation[,reits], simple annual returns");
        var builtin = Options.Flag("--builtin", "use the shipped 1928-2025 history instead of a file");
        var from = Options.Int("--from", "YEAR", 1000, 9999, "first year of the history to use (default: its first)");
        var to = Options.Int("--to", "YEAR", 1000, 9999, "last year of the history to use (default: its last)");
        var command = new Command("calibrate",
            "Estimate return means, standard deviations and the 5x5 correlation from a history and print a \"returns\" " +
            "block to paste into a scenario (JSON on stdout; notes on stderr as # lines).")
        {
            file, builtin, from, to,
        };
        command.SetAction(parse => Run(parse.GetValue(file), parse.GetValue(builtin), parse.GetValue(from), parse.GetValue(to)));
        return command;
    }

    private static int Run(string? path, bool builtin, int? from, int? to)
    {
        if (from > to)
        {
            throw new UsageException($"--from {from} is after --to {to}");
        }

        if (builtin == (path is not null))
        {
            throw new UsageException(
                "name one history CSV (header year,stocks,bonds,cash,inflation[,reits]) or --builtin for the shipped 1928-2025 data");
        }

        AnnualHistory history;
        try
        {
            if (builtin)
            {
                history = AnnualHistory.From(MarketHistory.BuiltIn());
            }
            else
            {
                if (!File.Exists(path!))
                {
                    Console.Error.WriteLine($"error: file not found: {path}");
                    return CommandLine.ExitInvalidInput;
                }

                history = AnnualHistory.From(MarketHistory.ParseCsv(File.ReadAllText(path!), Path.GetFileName(path!)));
            }
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or IOException
                                       or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return CommandLine.ExitInvalidInput;
        }

        CalibrationResult c;
        try
        {
            c = Calibrator.Estimate(history.Between(from, to));
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return CommandLine.ExitInvalidInput;
        }

        foreach (string note in Notes(c))
        {
            Console.Error.WriteLine(note);
        }

        Console.Out.Write(ReturnsJson(c));
        return CommandLine.ExitOk;
    }

    /// <summary>The stderr comment lines: the source, the method, and the REIT fallback when it applies.</summary>
    internal static IReadOnlyList<string> Notes(CalibrationResult c)
    {
        var inv = CultureInfo.InvariantCulture;
        var notes = new List<string>
        {
            string.Create(inv, $"# calibrated from {c.Source}, {c.FirstYear}-{c.LastYear} ({c.Years} years)"),
            "# mean, stdev: arithmetic mean and sample (n-1) standard deviation of the simple annual returns",
            "# correlation: of ln(1+r) for stocks, bonds, cash, reits and of the raw inflation rate (spec 12)",
        };
        if (c.ReitsFromDefaults)
        {
            notes.Add(string.Create(inv,
                $"# reits: the history has no REIT series; mean {c.Reits.Mean}, stdev {c.Reits.Stdev} and the reits row/column of the correlation are the scenario defaults, not estimates"));
        }

        if (!IsPositiveDefinite(Rounded(c.Correlation)))
        {
            notes.Add("# warning: the rounded correlation matrix is not positive definite; the engine will reject it");
        }

        return notes;
    }

    /// <summary>
    /// <c>{ "returns": { model, assets, inflation, correlation } }</c> with camelCase keys as in a scenario file:
    /// means and stdevs to 4 decimals (a hundredth of a percentage point), correlations to 2.
    /// </summary>
    internal static string ReturnsJson(CalibrationResult c)
    {
        var inv = CultureInfo.InvariantCulture;
        string M(double v) => Clean(Math.Round(v, 4)).ToString("0.0###", inv);
        string Pair(MeanStdev m) => $"{{ \"mean\": {M(m.Mean)}, \"stdev\": {M(m.Stdev)} }}";
        var r = Rounded(c.Correlation);
        var sb = new StringBuilder();
        sb.Append("{\n  \"returns\": {\n");
        sb.Append("    \"model\": \"lognormal\",\n");
        sb.Append("    \"assets\": {\n");
        sb.Append($"      \"stocks\": {Pair(c.Stocks)},\n");
        sb.Append($"      \"bonds\":  {Pair(c.Bonds)},\n");
        sb.Append($"      \"cash\":   {Pair(c.Cash)},\n");
        sb.Append($"      \"reits\":  {Pair(c.Reits)}\n");
        sb.Append("    },\n");
        sb.Append($"    \"inflation\": {Pair(c.Inflation)},\n");
        sb.Append("    \"correlation\": [\n");
        for (int i = 0; i < 5; i++)
        {
            var row = Enumerable.Range(0, 5).Select(j => r[i, j].ToString("0.00", inv).PadLeft(5));
            sb.Append($"      [{string.Join(", ", row)}]{(i < 4 ? "," : "")}\n");
        }

        sb.Append("    ]\n  }\n}\n");
        return sb.ToString();
    }

    /// <summary>The correlation as printed: two decimals, with no negative zero.</summary>
    internal static double[,] Rounded(double[,] correlation)
    {
        var r = new double[5, 5];
        for (int i = 0; i < 5; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                r[i, j] = Clean(Math.Round(correlation[i, j], 2, MidpointRounding.AwayFromZero));
            }
        }

        return r;
    }

    private static bool IsPositiveDefinite(double[,] m) => Calibrator.IsPositiveDefinite(m);

    private static double Clean(double v) => v == 0 ? 0 : v; // -0.0 prints as "-0.00"
}
