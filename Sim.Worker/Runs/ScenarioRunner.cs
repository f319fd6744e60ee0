using System.Diagnostics;
using Sim.Engine.Returns;
using Sim.Engine.Scenarios;
using Sim.Engine.Simulation;
using Sim.Worker.Files;
using Sim.Worker.Output;

namespace Sim.Worker.Runs;

/// <summary>What a caller may override on top of the scenario file.</summary>
public sealed record RunOverrides(int? Paths = null, ulong? Seed = null, int? Threads = null, bool PathsOut = false);

/// <summary>The files one run wrote (full paths), its id and headline figures.</summary>
public sealed record RunOutcome(string RunId, string Directory, IReadOnlyList<string> Files, SimulationResult Result,
    double WallSeconds)
{
    /// <summary>The run's probability of success, 0..1.</summary>
    public double SuccessProbability => Result.Summary.SuccessProbability;
}

/// <summary>A user mistake found while preparing a run (e.g. an unreadable history CSV): reported, not retried.</summary>
public class RunInputException(string message) : Exception(message);

/// <summary>
/// Runs one validated scenario and writes its Parquet files into outputDirectory (created if missing), each through
/// a temporary name and a rename. The one entry point both the CLI <c>run</c> verb and the Hangfire jobs use.
/// </summary>
public static class ScenarioRunner
{
    /// <summary>Runs <paramref name="scenario"/> and writes its files into <paramref name="outputDirectory"/>.</summary>
    /// <param name="scenario">The validated scenario.</param>
    /// <param name="scenarioJson">Its text, for the run id (canonical JSON, effective paths, seed, engine version).</param>
    /// <param name="scenarioDirectory">Where a relative <c>returns.history</c> is resolved; null for inline JSON.</param>
    /// <param name="overrides">Paths, seed, threads and whether to write paths.parquet.</param>
    /// <param name="outputDirectory">The run's folder (created if missing).</param>
    /// <param name="progress">Share of the computation done, 0..1.</param>
    /// <param name="cancellationToken">Stops the run; no partial file is left.</param>
    /// <exception cref="RunInputException">A user mistake found while preparing the run (e.g. an unreadable history CSV).</exception>
    public static async Task<RunOutcome> RunAsync(Scenario scenario, string scenarioJson, string? scenarioDirectory,
        RunOverrides overrides, string outputDirectory, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        MarketHistory? history = LoadHistory(scenario, scenarioDirectory);
        int paths = RunIdentity.EffectivePaths(scenario, overrides.Paths);
        ulong seed = RunIdentity.EffectiveSeed(scenario, overrides.Seed);
        string runId = RunIdentity.Of(scenarioJson, scenario, paths, seed);
        var options = new SimulationOptions { Paths = paths, Seed = seed, Threads = overrides.Threads ?? 0 };
        PhaseTrace.Mark(PhaseTrace.BeforeEngine);

        Directory.CreateDirectory(outputDirectory);
        string plainJson = ScenarioJson.ToPlainJson(scenarioJson);
        var files = new List<string>();
        SimulationResult result;
        if (overrides.PathsOut)
        {
            // The raw paths are written while the engine runs, so their file carries the metadata known up front.
            string pathsFile = Path.Combine(outputDirectory, ResultParquet.PathsFile);
            var upFront = ResultParquet.Metadata(scenario, runId, plainJson, seed, paths, []);
            await using var sink = await PathsParquetWriter.CreateAsync(pathsFile, runId, upFront, cancellationToken);
            result = SimulationEngine.Run(scenario, options, history, sink, progress, cancellationToken);
            await sink.Complete();
            files.Add(pathsFile);
        }
        else
        {
            result = SimulationEngine.Run(scenario, options, history, null, progress, cancellationToken);
        }

        PhaseTrace.Mark(PhaseTrace.AfterEngine);
        CheckFinite(result);
        var metadata = ResultParquet.Metadata(result, runId, plainJson);
        PhaseTrace.Mark("checked, metadata");
        double wall = clock.Elapsed.TotalSeconds;
        string Target(string name)
        {
            string p = Path.Combine(outputDirectory, name);
            files.Add(p);
            return p;
        }

        // Two lanes at once: the Parquet files one after the other (they share the Parquet writer's code, compiled
        // on first use), the chart beside them on another thread. Each file is still written to a temporary name,
        // flushed and renamed; the list of files keeps this order.
        string percentilesFile = Target(ResultParquet.PercentilesFile), yearlyFile = Target(ResultParquet.YearlyFile),
            summaryFile = Target(ResultParquet.SummaryFile), fanFile = Target(FanChart.FileName);
        var chart = Task.Run(() => FanChart.WriteAsync(fanFile, result, cancellationToken), cancellationToken);
        try
        {
            await AtomicFile.WriteAsync(percentilesFile,
                s => ResultParquet.WritePercentilesAsync(s, result, runId, metadata, cancellationToken), cancellationToken);
            PhaseTrace.Mark("percentiles.parquet");
            await AtomicFile.WriteAsync(yearlyFile,
                s => ResultParquet.WriteYearlyAsync(s, result, runId, metadata, cancellationToken), cancellationToken);
            PhaseTrace.Mark("yearly.parquet");
            await AtomicFile.WriteAsync(summaryFile,
                s => ResultParquet.WriteSummaryAsync(s, result, runId, wall, metadata, cancellationToken), cancellationToken);
            PhaseTrace.Mark("summary.parquet");
        }
        finally
        {
            // Never leave the chart's write running past this method, whatever happened to the Parquet lane.
            await chart.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await chart;
        PhaseTrace.Mark("fan.svg");

        return new RunOutcome(runId, outputDirectory, files, result, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Refuses to write a result holding Infinity or NaN (inputs are bounded so that none arises; this is the
    /// last line of defence, so no Parquet file or chart ever carries one). Deterministic: never retried.
    /// </summary>
    private static void CheckFinite(SimulationResult result)
    {
        var p = result.Percentiles;
        for (int m = 0; m < p.GetLength(0); m++)
        {
            for (int y = 0; y < p.GetLength(1); y++)
            {
                for (int l = 0; l < p.GetLength(2); l++)
                {
                    if (!double.IsFinite(p[m, y, l]))
                    {
                        throw new RunInputException(
                            $"the simulation produced a non-finite value ({(Metric)m}, year {result.Years[y]}); an input is beyond what the model computes, so nothing was written");
                    }
                }
            }
        }
    }

    /// <summary>A scenario's own history CSV (returns.history, relative to the scenario file, read and checked by
    /// <see cref="Scenarios.HistoryFile"/>), or null for the built-in Damodaran series.</summary>
    public static MarketHistory? LoadHistory(Scenario scenario, string? scenarioDirectory)
    {
        var (history, error) = Scenarios.HistoryFile.Open(scenario, scenarioDirectory ?? Directory.GetCurrentDirectory(), library: null);
        return error is null ? history?.History : throw new RunInputException(error.ToString());
    }
}
