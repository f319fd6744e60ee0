using System.Diagnostics;
using Sim.Engine.Analysis;
using Sim.Engine.Scenarios;
using Sim.Worker.Runs;

namespace Sim.Worker.Analysis;

/// <summary>What one question produced: its answer sentence and the files written (full paths).</summary>
public sealed record AnalysisOutcome(string AnalysisId, string Answer, IReadOnlyList<string> Files, double WallSeconds,
    double? Success);

/// <summary>
/// Computes one question and writes its files: the one entry point of the CLI verbs and the Hangfire job.
/// A user mistake (a field that does not apply, scenarios over different years, an unreadable history) is a
/// <see cref="RunInputException"/> with a message that says what to change.
/// </summary>
public static class AnalysisRunner
{
    /// <summary>Runs <paramref name="request"/> on the already validated <paramref name="scenarios"/> (same order).
    /// <paramref name="directoryFor"/> maps a folder name (<c>&lt;scenario&gt;</c> or <c>compare-A-B</c>) to where its
    /// files go.</summary>
    public static async Task<AnalysisOutcome> RunAsync(AnalysisRequest request, IReadOnlyList<Scenario> scenarios,
        string? scenarioDirectory, int threads, Func<string, string> directoryFor, IProgress<double>? progress,
        CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        string id = request.ComputeId();
        AnalysisOptions Options(Scenario s) => new()
        {
            Paths = request.Paths,
            Seed = request.Seed,
            Threads = threads,
            History = ScenarioRunner.LoadHistory(s, scenarioDirectory),
        };

        try
        {
            switch (request.Kind)
            {
                case AnalysisKind.Solve:
                {
                    var s = scenarios[0];
                    var field = SolveFields.Find(request.Field ?? "")
                                ?? throw new RunInputException($"$.for: unknown field '{request.Field}'; allowed: {FieldList}");
                    var target = SolveTarget.TryParse(request.Target ?? SolveTarget.Default.ToString(), out var error)
                                 ?? throw new RunInputException($"$.target: {error}");
                    var trialProgress = progress is null ? null : new TrialCount(progress);
                    var r = await Task.Run(() => Solver.Solve(s, field, target, Options(s), trialProgress, ct), ct);
                    var files = await AnalysisFiles.WriteSolveAsync(directoryFor(s.Name), id, s.Name, r, ct);
                    return new AnalysisOutcome(id, AnalysisText.Solve(r), files, clock.Elapsed.TotalSeconds, r.Success);
                }

                case AnalysisKind.Compare:
                {
                    var c = await Task.Run(() => Comparison.Compare(scenarios, scenarios.Select(Options).ToList(), ct), ct);
                    var files = new List<string>();
                    foreach (var p in c.Pairs)
                    {
                        files.AddRange(await AnalysisFiles.WriteCompareAsync(
                            directoryFor(AnalysisFiles.CompareFolder(c.Scenarios[p.A], c.Scenarios[p.B])), id, c, p, ct));
                    }

                    string answer = string.Join("\n", c.Pairs.Select(p => AnalysisText.Compare(c, p)));
                    return new AnalysisOutcome(id, answer, files, clock.Elapsed.TotalSeconds, null);
                }

                default:
                {
                    var s = scenarios[0];
                    var r = await Task.Run(() => Engine.Analysis.Sensitivity.Run(s, Options(s), null, progress, ct), ct);
                    var files = await AnalysisFiles.WriteSensitivityAsync(directoryFor(s.Name), id, r, ct);
                    return new AnalysisOutcome(id, AnalysisText.Sensitivity(r), files, clock.Elapsed.TotalSeconds, r.Base.Success);
                }
            }
        }
        catch (ArgumentException e)
        {
            throw new RunInputException(e.Message);
        }
    }

    /// <summary>A solve's progress: trials done against a typical count (about 24 for $1 money, fewer for ages),
    /// held below 100% until the files are written.</summary>
    private sealed class TrialCount(IProgress<double> progress) : IProgress<SolveTrial>
    {
        private int _done;

        public void Report(SolveTrial value) => progress.Report(Math.Min(0.95, Interlocked.Increment(ref _done) / 24.0));
    }

    /// <summary>"withdrawals.amount, withdrawals.initialRate, ...".</summary>
    public static string FieldList => string.Join(", ", SolveFields.Names);
}
