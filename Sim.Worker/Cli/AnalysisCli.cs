using System.CommandLine;
using Sim.Engine.Scenarios;
using Sim.Worker.Analysis;
using Sim.Worker.Jobs;
using Sim.Worker.Runs;
using Sim.Worker.Scenarios;

namespace Sim.Worker.Cli;

/// <summary>What the three question verbs share: loading and validating scenario files (nothing is computed when
/// any is invalid), building the request (the same id the HTTP API gives), running it and printing the answer.</summary>
internal static class AnalysisCli
{
    /// <summary>The options every question verb takes.</summary>
    public sealed record Common(Option<string?> Out, Option<int?> Paths, Option<ulong?> Seed, Option<int?> Threads)
    {
        public static Common Create() => new(
            Options.Text("--out", "DIR", $"output folder (default {RunCommand.DefaultOutput})", "-o"),
            Options.Int("--paths", "N", 1, SimulationSettings.MaxPaths, "paths of every trial (default: the first scenario's simulation.paths)"),
            Options.UInt64("--seed", "S", "seed of every trial (default: the first scenario's simulation.seed)"),
            Options.Int("--threads", "T", 1, 1024, "engine threads (default: every core); the numbers do not depend on it"));

        public void AddTo(Command command)
        {
            command.Options.Add(Out);
            command.Options.Add(Paths);
            command.Options.Add(Seed);
            command.Options.Add(Threads);
        }
    }

    /// <summary>Loads every file; prints every error and returns null when any is invalid.</summary>
    public static IReadOnlyList<LoadedScenario>? Load(IReadOnlyList<string> files)
    {
        JitWarmup.StartOnce(); // on the idle core while the files are read (see JitWarmup), as for `run`
        var year = DateTime.Now.Year;
        var loaded = files.Select(f => ScenarioFile.Load(f, year)).ToList();
        bool ok = true;
        foreach (var l in loaded.Where(l => !l.IsValid))
        {
            ok = false;
            Console.Error.WriteLine(l.Path);
            foreach (var e in l.Result.Errors)
            {
                Console.Error.WriteLine($"  {e}");
            }
        }

        if (!ok)
        {
            Console.Error.WriteLine("nothing was run: fix the errors above");
            return null;
        }

        foreach (var l in loaded)
        {
            foreach (var w in l.Result.Warnings)
            {
                Console.Error.WriteLine($"warning: {l.Path}: {w}");
            }
        }

        return loaded;
    }

    public static AnalysisRequest Request(AnalysisKind kind, IReadOnlyList<LoadedScenario> loaded, ParseResult a, Common o,
        string? field = null, string? target = null)
    {
        var first = loaded[0].Scenario!;
        return new AnalysisRequest
        {
            Kind = kind,
            ScenarioJsons = loaded.Select(l => CanonicalJson.ForRun(l.Json, l.Scenario!.Simulation.StartYear, l.Scenario.Name)).ToList(),
            ScenarioNames = loaded.Select(l => l.Scenario!.Name).ToList(),
            Field = field,
            Target = target,
            Paths = first.Simulation.EffectivePaths(a.GetValue(o.Paths)),
            Seed = first.Simulation.EffectiveSeed(a.GetValue(o.Seed)),
        };
    }

    /// <summary>Runs the request into DIR/&lt;folder&gt;/ and prints the answer and the files; a user mistake the
    /// computation finds is one line and exit code 1.</summary>
    public static async Task<int> RunAsync(AnalysisRequest request, IReadOnlyList<LoadedScenario> loaded, ParseResult a, Common o,
        CancellationToken cancellation)
    {
        string outRoot = a.GetValue(o.Out) ?? RunCommand.DefaultOutput;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        try
        {
            Output.OutputFolder.Prepare(outRoot); // a file, a read-only folder: one line before anything runs
            var outcome = await AnalysisRunner.RunAsync(request, loaded.Select(l => l.Scenario!).ToList(), loaded[0].Directory,
                a.GetValue(o.Threads) ?? 0, folder => Path.Combine(outRoot, folder), null, cancel.Token);
            Console.WriteLine(outcome.Answer);
            foreach (var group in outcome.Files.GroupBy(Path.GetDirectoryName))
            {
                Console.WriteLine($"  wrote {string.Join(", ", group.Select(Path.GetFileName))} to {group.Key}");
            }

            Console.WriteLine(System.FormattableString.Invariant($"  ({request.Paths:N0} paths, seed {request.Seed}, {outcome.WallSeconds:0.0} s, id {outcome.AnalysisId})"));
            return CommandLine.ExitOk;
        }
        catch (RunInputException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return CommandLine.ExitInvalidInput;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled; no partial files were left behind");
            return 130;
        }
    }
}
