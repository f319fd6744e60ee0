using System.Globalization;
using Microsoft.Extensions.Logging;
using Sim.Engine.Scenarios;
using Sim.Worker.Jobs;
using Sim.Worker.Server;

namespace Sim.Worker.Cli;

/// <summary>
/// <c>stress</c>: runs the nightly stress suite once, in this process (no server, no queue), and prints one
/// line per case. Exit code 0 when every case produced its files (flagged drift is information, not failure).
/// </summary>
public static class StressCommand
{
    /// <summary>Usage line for the verb table.</summary>
    public const string Usage = "stress [--scenarios DIR] [--out DIR] [--paths N] [--date YYYY-MM-DD] [--drift-success X] [--drift-balance X]";

    /// <summary>Runs the verb.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var options = OptionReader.Parse(args, ["scenarios", "out", "paths", "date", "drift-success", "drift-balance"]);
        options.ExpectPositionals(0, "");
        var defaults = new JobSettings();
        var settings = new JobSettings
        {
            OutputDirectory = options.String("out") ?? defaults.OutputDirectory,
            ScenariosDirectory = options.String("scenarios") ?? defaults.ScenariosDirectory,
            StressPaths = options.Int("paths", 1, SimulationSettings.MaxPaths),
            DriftSuccessThreshold = options.Double("drift-success", 0, 1) ?? defaults.DriftSuccessThreshold,
            DriftBalanceThreshold = options.Double("drift-balance", 0, 100) ?? defaults.DriftBalanceThreshold,
        };
        DateOnly? night = null;
        if (options.String("date") is { } text)
        {
            night = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d
                : throw new UsageException($"--date must be YYYY-MM-DD, not '{text}'");
        }

        if (!Directory.Exists(settings.ScenariosPath))
        {
            Console.Error.WriteLine($"error: no scenarios folder {settings.ScenariosPath}");
            return CommandLine.ExitInvalidInput;
        }

        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        var suite = new StressSuite(new RunEngine(), settings, TimeProvider.System, loggers.CreateLogger<StressSuite>());
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        StressSuiteResult result;
        try
        {
            result = night is { } n
                ? await suite.RunAsync(n, settings.StressPaths, cancel.Token)
                : await suite.RunAsync(settings.StressPaths, cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("stress: cancelled");
            return CommandLine.ExitInvalidInput;
        }

        foreach (var row in result.Rows)
        {
            Console.WriteLine(Describe(row));
        }

        Console.WriteLine($"stress: {result.Rows.Count} case(s), {result.Rows.Count(r => r.Flagged)} flagged; {result.Directory}");
        return result.Rows.All(r => r.Status == StressCaseResult.Ok) ? CommandLine.ExitOk : CommandLine.ExitInvalidInput;
    }

    private static string Describe(DriftRow row)
    {
        var head = $"{row.Scenario}/{row.Stress}:";
        if (row.Status != StressCaseResult.Ok)
        {
            return $"{head} {row.Status}";
        }

        var line = string.Create(CultureInfo.InvariantCulture,
            $"{head} success {row.SuccessProbability:0.####}, median terminal balance {row.MedianTerminalBalance:#,0}");
        return row.Flagged ? $"{line}  DRIFT: {row.Reason}" : line;
    }
}
