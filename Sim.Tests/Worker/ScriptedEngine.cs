using System.Collections.Concurrent;
using Parquet.Serialization;
using Sim.Engine.Scenarios;
using Sim.Worker.Jobs;
using Sim.Worker.Runs;

namespace Sim.Tests.Worker;

/// <summary>
/// A stand-in engine for the plumbing facts: validation is the real parser's, the computation is scripted by the
/// scenario's name (crash once, hold until cancelled, reject) and writes one small Parquet file. It provokes what the
/// real engine cannot do on demand. The end-to-end facts use the real engine.
/// </summary>
public sealed class ScriptedEngine : IRunEngine
{
    private readonly RunEngine _real = new();

    /// <summary>Computations started, by scenario name.</summary>
    public ConcurrentDictionary<string, int> Started { get; } = new();

    /// <summary>Set once a "hold" computation is under way.</summary>
    public TaskCompletionSource Holding { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ScenarioParseResult Parse(string json, int defaultStartYear, string? defaultName = null) =>
        _real.Parse(json, defaultStartYear, defaultName);

    public async Task<EngineRunResult> RunAsync(Scenario scenario, string scenarioJson, string? scenarioDirectory, RunOverrides overrides,
        string outputDirectory, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var count = Started.AddOrUpdate(scenario.Name, 1, (_, n) => n + 1);
        progress?.Report(0.5);
        switch (scenario.Name)
        {
            case "crash-once" when count == 1:
                throw new InvalidOperationException("scripted crash");
            case "reject":
                throw new RunInputException("scripted rejection");
            case "overflow":
                throw new OverflowException("scripted overflow");
            case "hold":
                File.WriteAllText(Path.Combine(outputDirectory, "partial.parquet"), "half a file");
                Holding.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
                cancellationToken.ThrowIfCancellationRequested();
                break;
        }

        var rows = new[] { new SummaryRow { Scenario = scenario.Name, Paths = overrides.Paths ?? scenario.Simulation.Paths } };
        await ParquetSerializer.SerializeAsync(rows, Path.Combine(outputDirectory, "summary.parquet"), cancellationToken: CancellationToken.None);
        progress?.Report(1.0);
        return new EngineRunResult(RunIds.Compute(scenarioJson, overrides.Paths ?? 0, overrides.Seed ?? 0), 0.9, 1_000_000, 0.01);
    }

    public sealed class SummaryRow
    {
        public string Scenario { get; set; } = "";

        public int Paths { get; set; }
    }
}
