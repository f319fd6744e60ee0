using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Sim.Engine.Scenarios;
using Sim.Worker.Jobs;
using Sim.Worker.Output;
using Sim.Worker.Server;

using Sim.Worker.Runs;

namespace Sim.Worker.Cli;

/// <summary>
/// <c>stress</c>: runs the nightly stress suite once, in this process (no server, no queue), and prints one
/// line per case. Exit code 0 when every case produced its files (flagged drift is information, not failure).
/// </summary>
public static class StressCommand
{
    /// <summary>The verb.</summary>
    public static Command Create()
    {
        var scenarios = Options.Text("--scenarios", "DIR", "scenario library: *.json and stress/*.json (default scenarios)");
        var output = Options.Text("--out", "DIR", "output folder; the suite writes OUT/nightly/date=YYYY-MM-DD/ (default out)", "-o");
        var paths = Options.Int("--paths", "N", 1, SimulationSettings.MaxPaths, "paths per case (default: each scenario's own)");
        var date = Options.Date("--date", "the night to file the results under (default: today, local time)");
        var driftSuccess = Options.Double("--drift-success", "X", 0, 1,
            "flag success-probability changes above X (absolute, default 0.01 = 1 point)");
        var driftBalance = Options.Double("--drift-balance", "X", 0, 100,
            "flag median-terminal-balance changes above X (relative, default 0.02 = 2%)");
        var command = new Command("stress",
            "Run the nightly stress suite once in this process (every scenario x every overlay in scenarios/stress/) " +
            "and print one line per case with any drift since the previous night.")
        {
            scenarios, output, paths, date, driftSuccess, driftBalance,
        };
        command.SetAction(parse =>
        {
            var defaults = new JobSettings();
            var settings = new JobSettings
            {
                OutputDirectory = parse.GetValue(output) ?? defaults.OutputDirectory,
                ScenariosDirectory = parse.GetValue(scenarios) ?? defaults.ScenariosDirectory,
                StressPaths = parse.GetValue(paths),
                DriftSuccessThreshold = parse.GetValue(driftSuccess) ?? defaults.DriftSuccessThreshold,
                DriftBalanceThreshold = parse.GetValue(driftBalance) ?? defaults.DriftBalanceThreshold,
            };
            return RunAsync(settings, parse.GetValue(date));
        });
        return command;
    }

    private static async Task<int> RunAsync(JobSettings settings, DateOnly? night)
    {
        JitWarmup.StartOnce(); // on the idle core while the suite's files are read (see JitWarmup), as for `run`
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

        var success = row.SuccessProbability is { } p ? Units.Percent(p) : "n/a";
        var balance = row.MedianTerminalBalance is { } b ? Units.Money(b, DollarBasis.Nominal) : "n/a";
        var line = $"{head} success {success}, median terminal balance {balance}";
        return row.Flagged ? $"{line}  DRIFT: {row.Reason}" : line;
    }
}
