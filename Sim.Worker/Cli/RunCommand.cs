using System.Diagnostics;
using System.Globalization;
using Sim.Engine.Scenarios;
using Sim.Engine.Simulation;
using Sim.Worker.Jobs;
using Sim.Worker.Runs;
using Sim.Worker.Scenarios;

namespace Sim.Worker.Cli;

/// <summary>
/// <c>run SCENARIO.json... [--out DIR] [--paths N] [--seed S] [--threads T] [--paths-out]</c>: validates every
/// file first (nothing is written if any is invalid), then runs each into DIR/&lt;scenario&gt;/ and prints a short
/// summary.
/// </summary>
public static class RunCommand
{
    public const string DefaultOutput = "out";

    public static async Task<int> RunAsync(string[] args)
    {
        var a = CliArgs.Parse(args, ["--out", "--paths", "--seed", "--threads"], ["--paths-out"]);
        if (a.Positional.Count == 0)
        {
            throw new UsageException("name at least one scenario file, e.g. run scenarios/baseline.json");
        }

        var overrides = new RunOverrides(
            a.Int("--paths", 1, SimulationSettings.MaxPaths),
            a.ULong("--seed"),
            a.Int("--threads", 1, 1024),
            a.Has("--paths-out"));
        string outRoot = a.String("--out") ?? DefaultOutput;

        // Validate everything before computing anything.
        var loaded = new List<LoadedScenario>();
        bool ok = true;
        foreach (string file in a.Positional)
        {
            var l = ScenarioFile.Load(file);
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

        if (!ok)
        {
            Console.Error.WriteLine("nothing was run: fix the errors above");
            return CommandLine.ExitInvalidInput;
        }

        using var cancel = new CancellationTokenSource();
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

            string dir = Path.Combine(outRoot, scenario.Name);
            using var bar = new ProgressBar(scenario.Name);
            RunOutcome outcome;
            try
            {
                // The same canonical form the HTTP API hashes, so a run has one id however it was submitted.
                string canonical = CanonicalJson.ForRun(l.Json, scenario.Simulation.StartYear, scenario.Name);
                outcome = await ScenarioRunner.RunAsync(scenario, canonical, l.Directory, overrides, dir, bar,
                    cancel.Token);
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
            PrintSummary(outcome);
        }

        return CommandLine.ExitOk;
    }

    private static void PrintSummary(RunOutcome o)
    {
        var r = o.Result;
        var s = r.Summary;
        string Level(double p) => r.Levels.Contains(p)
            ? Money(s.TerminalReal[r.Levels.ToList().IndexOf(p)])
            : "n/a";
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine($"{r.Scenario.Name}  (run {o.RunId}, {r.Paths.ToString("N0", inv)} paths, seed {r.Seed}, " +
                          $"{r.Years[0]}-{r.Years[^1]}, {o.WallSeconds.ToString("0.00", inv)} s)");
        Console.WriteLine($"  success probability        {(s.SuccessProbability * 100).ToString("0.0", inv)} %");
        Console.WriteLine($"  terminal balance, today's dollars   p10 {Level(10)}   p50 {Level(50)}   p90 {Level(90)}");
        Console.WriteLine($"  median nominal balance peaks at age {s.PeakAge}");
        if (IncomeSchedule.FirstFullYear(r.Scenario) is { } fullYear && fullYear <= r.Years[^1])
        {
            // Social Security and inflation-indexed pensions are the same in today's dollars on every path.
            var income = IncomeSchedule.ForYear(r.Scenario, fullYear);
            string level = income.PensionNominal > 0 ? $", plus {Money(income.PensionNominal)} nominal of level pensions" : "";
            Console.WriteLine($"  income, first full year    {Money(income.SocialSecurityToday + income.PensionToday)} a year " +
                              $"in today's dollars (age {fullYear - r.Scenario.Participant.BirthYear}){level}");
        }

        if (!double.IsNaN(s.MedianFailureAge))
        {
            Console.WriteLine($"  median failure age         {s.MedianFailureAge.ToString("0.#", inv)}");
        }

        Console.WriteLine($"  wrote {string.Join(", ", o.Files.Select(Path.GetFileName))} to {o.Directory}");
        foreach (string note in r.Notes)
        {
            Console.WriteLine($"  note: {note}");
        }
    }

    internal static string Money(double v) => "$" + Math.Round(v).ToString("N0", CultureInfo.InvariantCulture);

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
