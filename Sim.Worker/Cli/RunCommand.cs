using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Sim.Engine.Scenarios;
using Sim.Engine.Simulation;
using Sim.Worker.Files;
using Sim.Worker.Jobs;
using Sim.Worker.Output;
using Sim.Worker.Runs;
using Sim.Worker.Scenarios;

namespace Sim.Worker.Cli;

/// <summary>
/// <c>run SCENARIO.json... [--out DIR] [--paths N] [--seed S] [--threads T] [--paths-out] [--overlay FILE]</c>:
/// validates every file first (nothing is written if any is invalid), then runs each into DIR/&lt;scenario&gt;/ and
/// prints a short summary in the shared units (<see cref="Units"/>).
/// </summary>
public static class RunCommand
{
    /// <summary>The percentiles the plain-text summary shows for each band.</summary>
    private static readonly double[] SummaryPercentiles = [10.0, 50.0, 90.0];

    /// <summary>Output folder when <c>--out</c> is not given (the worker's, <see cref="JobSettings.DefaultOutputDirectory"/>).</summary>
    public const string DefaultOutput = JobSettings.DefaultOutputDirectory;

    /// <summary>The verb.</summary>
    public static Command Create()
    {
        var files = Options.Files("SCENARIO.json", "scenario files to run, each into OUT/<scenario name>/");
        var output = Options.Text("--out", "DIR", $"output folder (default {DefaultOutput})", "-o");
        var paths = Options.Int("--paths", "N", 1, SimulationSettings.MaxPaths, "number of simulated paths (default: the scenario's simulation.paths)");
        var seed = Options.UInt64("--seed", "S", "random seed (default: the scenario's simulation.seed)");
        var threads = Options.Int("--threads", "T", 1, 1024, "engine threads (default: every core); the numbers do not depend on it");
        var pathsOut = Options.Flag("--paths-out", "also write every path's yearly values (paths.parquet; for small runs)");
        var overlay = Options.Text("--overlay", "FILE",
            "a stress overlay (scenarios/stress/*.json) merged into every scenario before it runs; the run is named SCENARIO-OVERLAY");
        var command = new Command("run", "Run scenarios on this machine and write Parquet files and a fan chart.")
        {
            files, output, paths, seed, threads, pathsOut, overlay,
        };
        command.SetAction((parse, cancel) => RunAsync(parse.GetValue(files) ?? [],
            new RunOverrides(parse.GetValue(paths), parse.GetValue(seed), parse.GetValue(threads), parse.GetValue(pathsOut)),
            parse.GetValue(output) ?? DefaultOutput, parse.GetValue(overlay), cancel));
        return command;
    }

    private static async Task<int> RunAsync(string[] files, RunOverrides overrides, string outRoot, string? overlayPath,
        CancellationToken cancellation)
    {
        if (files.Length == 0)
        {
            throw new UsageException("name at least one scenario file, e.g. run scenarios/baseline.json");
        }

        JitWarmup.StartOnce(); // on the idle core while the files are read (see JitWarmup)

        // Validate everything before computing anything.
        var year = DateTime.Now.Year;
        var loaded = new List<LoadedScenario>();
        bool ok = true;
        foreach (string file in files)
        {
            var l = overlayPath is null ? ScenarioFile.Load(file, year) : ScenarioFile.LoadWithOverlay(file, overlayPath, year);
            if (!l.Result.IsValid)
            {
                ok = false;
                Console.Error.WriteLine(file);
                foreach (var e in l.Result.Errors)
                {
                    Console.Error.WriteLine($"  {e}");
                }
            }

            loaded.Add(l);
        }

        PhaseTrace.Mark("scenarios read and validated");
        JitWarmup.StartWriters();
        if (!ok)
        {
            Console.Error.WriteLine("nothing was run: fix the errors above");
            return CommandLine.ExitInvalidInput;
        }

        try
        {
            OutputFolder.Prepare(outRoot); // a file, /proc/..., a read-only folder: one line before anything runs
            PhaseTrace.Mark("output folder prepared");
        }
        catch (OutputFolderException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return CommandLine.ExitUsage;
        }

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        foreach (var l in loaded)
        {
            var scenario = l.Result.Scenario!;
            foreach (var w in l.Result.Warnings)
            {
                Console.Error.WriteLine($"warning: {l.Path}: {w}");
            }

            using var bar = new ProgressBar(scenario.Name);
            RunOutcome outcome;
            try
            {
                // The same canonical form the HTTP API hashes, so a run has one id however it was submitted.
                string canonical = CanonicalJson.ForRun(l.Json, scenario.Simulation.StartYear, scenario.Name);
                PhaseTrace.Mark("canonical JSON");
                outcome = await OutputFolder.WriteAsync(outRoot, scenario.Name, staging =>
                    ScenarioRunner.RunAsync(scenario, canonical, l.Directory, overrides, staging, bar, cancel.Token));
            }
            catch (OutputFolderException e)
            {
                bar.Clear();
                Console.Error.WriteLine($"error: {e.Message}");
                return CommandLine.ExitUsage;
            }
            catch (RunInputException e)
            {
                bar.Clear();
                Console.Error.WriteLine($"{l.Path}");
                Console.Error.WriteLine($"  {e.Message}");
                return CommandLine.ExitInvalidInput;
            }
            catch (OperationCanceledException)
            {
                bar.Clear();
                Console.Error.WriteLine("cancelled; no partial files were left behind");
                return 130;
            }

            bar.Clear();
            PhaseTrace.Mark("folder swapped in");
            foreach (var line in Summary(outcome))
            {
                Console.WriteLine(line);
            }

            PhaseTrace.Mark("summary printed");
        }

        return CommandLine.ExitOk;
    }

    /// <summary>
    /// The summary a person reads after a run: a heading line, then label / value rows with the labels padded to
    /// one column. Money names its dollars; success follows <see cref="Units.Success"/>.
    /// </summary>
    internal static IReadOnlyList<string> Summary(RunOutcome o)
    {
        var r = o.Result;
        var s = r.Summary;
        var scenario = r.Scenario;
        var inv = CultureInfo.InvariantCulture;
        var levels = r.Levels.ToList();
        string Level(double[] values, double p) => levels.IndexOf(p) is var i and >= 0 ? Units.Money(values[i]) : "n/a";
        string Band(Func<int, double> at) => string.Join("   ", SummaryPercentiles.Select(p =>
            $"p{p.ToString(inv)} " + (levels.IndexOf(p) is var i and >= 0 ? Units.Money(at(i)) : "n/a")));

        var rows = new List<(string Label, string Value)>();
        var strategy = scenario.Withdrawals.Strategy.Name;
        rows.Add(Units.CannotFail(strategy)
            ? ("success", Units.CannotFailText(strategy))
            : ("success (never ran out)", $"{Units.Percent(s.SuccessProbability)} of {Units.Count(r.Paths)} paths"));
        rows.Add(("balance at the end, today's dollars",
            string.Join("   ", SummaryPercentiles.Select(p => $"p{p.ToString(inv)} {Level(s.TerminalReal, p)}"))));

        // Income from the first year the account pays one (retirement, or the first RMD for rmdOnly), as the
        // results page's income table starts.
        var p90 = levels.IndexOf(90) is var hi and >= 0 ? hi : levels.Count - 1;
        var retirementIndex = Array.FindIndex(r.Ages, a => a >= scenario.Participant.RetirementAge);
        var firstIncome = retirementIndex < 0
            ? -1
            : Enumerable.Range(retirementIndex, r.Ages.Length - retirementIndex)
                .FirstOrDefault(t => r.Percentile(Metric.Withdrawals, t, p90) > 0, retirementIndex);
        retirementIndex = firstIncome;
        if (retirementIndex >= 0)
        {
            rows.Add(($"net income at {r.Ages[retirementIndex].ToString(inv)}, today's dollars",
                Band(i => r.Percentile(Metric.NetIncomeReal, retirementIndex, i))));
        }

        if (IncomeFigure.Of(scenario, r.Years[^1]) is { } income)
        {
            rows.Add((income.Label, income.Text));
        }

        if (levels.IndexOf(50) is var median and >= 0)
        {
            var real = Enumerable.Range(0, r.Years.Length).Select(y => r.Percentile(Metric.BalanceReal, y, median)).ToList();
            rows.Add(("median balance peaks, today's dollars", "age " + PlainWords.PeakAge(r.Ages, real).ToString(inv)));
        }

        rows.Add(("median balance peaks, nominal dollars", "age " + s.PeakAge.ToString(inv)));
        if (!Units.CannotFail(strategy))
        {
            rows.Add(("median failure age (failed paths only)",
                double.IsNaN(s.MedianFailureAge) ? "none: no path ran out" : Units.Age(s.MedianFailureAge)));
        }

        rows.Add(("returns", PlainWords.Returns(scenario)));
        rows.Add(("wrote", $"{string.Join(", ", o.Files.Select(Path.GetFileName))} to {o.Directory}"));

        var width = rows.Max(x => x.Label.Length) + 2;
        var lines = new List<string>
        {
            $"{scenario.Name}  (run {o.RunId}, {Units.Count(r.Paths)} paths, seed {r.Seed}, " +
            $"{r.Years[0]}-{r.Years[^1]}, {o.WallSeconds.ToString("0.00", inv)} s)",
        };
        lines.AddRange(rows.Select(x => "  " + x.Label.PadRight(width) + x.Value));
        return lines;
    }

    /// <summary>A one-line progress bar on stderr, shown only on a terminal and only after about a second.</summary>
    private sealed class ProgressBar(string label) : IProgress<double>, IDisposable
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly bool _terminal = !Console.IsErrorRedirected;
        private bool _shown;

        public void Report(double value)
        {
            if (!_terminal || _clock.Elapsed < TimeSpan.FromSeconds(1))
            {
                return;
            }

            const int width = 30;
            int filled = (int)Math.Round(value * width);
            Console.Error.Write($"\r{label} [{new string('#', filled)}{new string('.', width - filled)}] {value * 100,5:0.0}%");
            _shown = true;
        }

        public void Clear()
        {
            if (_shown)
            {
                Console.Error.Write("\r" + new string(' ', label.Length + 45) + "\r");
                _shown = false;
            }
        }

        public void Dispose() => Clear();
    }
}
