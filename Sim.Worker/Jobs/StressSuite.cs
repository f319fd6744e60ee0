using Sim.Worker.Output;
using Microsoft.Extensions.Logging;
using Sim.Worker.Runs;
using Sim.Worker.Scenarios;

namespace Sim.Worker.Jobs;

/// <summary>What one suite run produced.</summary>
/// <param name="Night">The night (the clock's local date when the suite started).</param>
/// <param name="Directory">The date partition folder.</param>
/// <param name="Rows">The drift rows, one per case.</param>
public sealed record StressSuiteResult(DateOnly Night, string Directory, IReadOnlyList<DriftRow> Rows);

/// <summary>
/// The stress suite: every scenario in <c>scenarios/</c>, as written (<c>stress=none</c>) and under every overlay
/// in <c>scenarios/stress/</c>, into Hive partitions
/// <c>OUT/nightly/date=YYYY-MM-DD/scenario=NAME/stress=OVERLAY/*.parquet</c>, then
/// <c>OUT/nightly/date=YYYY-MM-DD/drift.parquet</c>. Each case is computed into <c>OUT/.staging/GUID/</c> and
/// renamed into its partition, so a reader of the dataset never sees a half-written case. Cases run one after
/// another, each with the engine's default thread count. One broken case does not stop the others: it is
/// reported (and flagged) in drift.parquet.
/// </summary>
public sealed class StressSuite(IRunEngine engine, JobSettings settings, TimeProvider clock, ILogger<StressSuite> logger)
{
    /// <summary>The stress value of a scenario run as written.</summary>
    public const string Unstressed = "none";

    /// <summary>Folder of the nightly dataset inside the output folder.</summary>
    public const string NightlyFolderName = "nightly";

    /// <summary>Runs the suite for tonight (the clock's local date).</summary>
    public Task<StressSuiteResult> RunAsync(int? paths, CancellationToken cancellationToken) =>
        RunAsync(DateOnly.FromDateTime(clock.GetLocalNow().DateTime), paths, cancellationToken);

    /// <summary>Runs the suite for <paramref name="night"/>; <paramref name="paths"/> overrides every scenario's path count.</summary>
    public async Task<StressSuiteResult> RunAsync(DateOnly night, int? paths, CancellationToken cancellationToken)
    {
        var catalog = new ScenarioCatalog(settings.ScenariosDirectory);
        var nightlyRoot = Path.Combine(settings.OutputPath, NightlyFolderName);
        var partition = Path.Combine(nightlyRoot, DriftReport.PartitionName(night));
        var overlays = catalog.Overlays();
        var results = new List<StressCaseResult>();
        logger.LogInformation("Stress suite for {Night}: {Scenarios} scenario(s) x {Cases} case(s)", DriftReport.Format(night),
            catalog.Scenarios().Count, overlays.Count + 1);

        foreach (var scenario in catalog.Scenarios())
        {
            var year = night.Year;
            results.Add(await RunCaseAsync(scenario.Name, Unstressed, ScenarioFile.Load(scenario.Path, year), paths ?? settings.StressPaths,
                partition, cancellationToken));
            foreach (var overlay in overlays)
            {
                results.Add(await RunCaseAsync(scenario.Name, overlay.Name, ScenarioFile.LoadWithOverlay(scenario.Path, overlay.Path, year),
                    paths ?? settings.StressPaths, partition, cancellationToken));
            }
        }

        var previousNight = DriftReport.FindPreviousNight(nightlyRoot, night);
        (DateOnly, IReadOnlyList<DriftRow>)? previous = previousNight is { } p
            ? (p, await DriftReport.ReadAsync(Path.Combine(nightlyRoot, DriftReport.PartitionName(p), DriftReport.FileName), cancellationToken))
            : null;
        var rows = DriftReport.Compare(night, results, previous, settings.DriftSuccessThreshold, settings.DriftBalanceThreshold);
        await DriftReport.WriteAsync(Path.Combine(partition, DriftReport.FileName), rows, cancellationToken);
        logger.LogInformation("Stress suite for {Night} done: {Cases} case(s), {Flagged} flagged", DriftReport.Format(night),
            rows.Count, rows.Count(r => r.Flagged));
        return new StressSuiteResult(night, partition, rows);
    }

    private async Task<StressCaseResult> RunCaseAsync(string scenario, string stress, LoadedScenario loaded, int? paths, string partition,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!loaded.IsValid)
        {
            return new StressCaseResult(scenario, stress, "invalid: " + string.Join("; ", loaded.Result.Errors), null, null, null);
        }

        var staging = Path.Combine(settings.StagingPath, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        try
        {
            var outcome = await engine.RunAsync(loaded.Scenario!, loaded.Json, loaded.Directory, new RunOverrides(Paths: paths), staging, null,
                cancellationToken);
            AtomicFile.ReplaceDirectory(staging, Path.Combine(partition, "scenario=" + scenario, "stress=" + stress));
            return new StressCaseResult(scenario, stress, StressCaseResult.Ok, RunIdentity.EffectivePaths(loaded.Scenario!, paths),
                outcome.SuccessProbability, outcome.MedianTerminalBalance, RunIdentity.EffectiveSeed(loaded.Scenario!, null));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Stress case {Scenario}/{Stress} failed", scenario, stress);
            return new StressCaseResult(scenario, stress, "failed: " + RunJob.Describe(e), null, null, null);
        }
        finally
        {
            RunStore.DeleteDirectory(staging);
        }
    }
}
