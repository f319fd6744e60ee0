using Sim.Engine.Scenarios;
using Sim.Engine.Simulation;

namespace Sim.Tests.Simulation;

/// <summary>
/// The engine reduces year t's percentiles while the paths step year t + 1 (SimulationEngine.Run). These facts pin
/// what that overlap must not change: the numbers, the order and thread of the progress reports, and how a failure
/// or a cancellation surfaces.
/// </summary>
public class YearPipelineFacts
{
    /// <summary>Enough paths for the one-pass sample select (65,536 values or more), guardrails and brackets so that
    /// most metrics vary, Roth money so that no metric is a copy of another.</summary>
    private static Scenario Varied(int paths) => TestScenarios.Basic(1975, 62, endAge: 90, pretax: 250_000) with
    {
        Simulation = new SimulationSettings { Paths = paths, Seed = 77, StartYear = 2026 },
        Account = new Account { PretaxBalance = 250_000, RothBalance = 40_000 },
        Withdrawals = new Withdrawals { Strategy = new GuardrailsStrategy() },
        Taxes = new Taxes { Method = TaxMethod.Brackets, OtherIncome = 15_000 },
    };

    [Fact]
    public void OverlappedAndSequentialPhases_GiveTheSameBits_ForAnyThreadCount()
    {
        var s = Varied(70_001);
        var sequential = SimulationEngine.Run(s, new SimulationOptions { Threads = 1, Sequential = true });
        foreach (int threads in new[] { 1, 2, 3 })
        {
            var overlapped = SimulationEngine.Run(s, new SimulationOptions { Threads = threads, BlockSize = 1000 + threads });
            Assert.Equal(FingerprintFacts.Fingerprint(sequential), FingerprintFacts.Fingerprint(overlapped));
            Assert.Equal(sequential.Summary.MedianTotalTaxes, overlapped.Summary.MedianTotalTaxes);
            Assert.Equal(sequential.Summary.PeakAge, overlapped.Summary.PeakAge);
        }

        // The run is not degenerate: the balance's p5 and p95 differ in the last year.
        int last = sequential.Years.Length - 1;
        Assert.True(sequential.Percentile(Metric.Balance, last, sequential.Levels.Count - 1) >
                    sequential.Percentile(Metric.Balance, last, 0));
    }

    [Fact]
    public void Progress_IsReportedOncePerYear_InOrder_OnTheCallersThread()
    {
        var s = Varied(5_000);
        var progress = new Recorder();
        int caller = Environment.CurrentManagedThreadId;
        var r = SimulationEngine.Run(s, new SimulationOptions { Threads = 2, BlockSize = 512 }, progress: progress);
        int years = r.Years.Length;
        Assert.Equal(Enumerable.Range(1, years).Select(t => t / (double)years), progress.Values);
        Assert.All(progress.Threads, id => Assert.Equal(caller, id));
    }

    [Fact]
    public void Cancellation_DuringARun_SurfacesAsOperationCanceled_NotAsAnAggregate()
    {
        var s = Varied(20_000);
        using var cancel = new CancellationTokenSource();
        var progress = new Recorder(onReport: v =>
        {
            if (v > 0.2)
            {
                cancel.Cancel();
            }
        });
        var e = Record.Exception(() =>
            SimulationEngine.Run(s, new SimulationOptions { Threads = 2, BlockSize = 512 }, progress: progress, cancellationToken: cancel.Token));
        Assert.IsAssignableFrom<OperationCanceledException>(e);
        Assert.InRange(progress.Values[^1], 0.2, 0.5); // stopped within a year or two of the request
    }

    [Fact]
    public void AnObserverFailure_SurfacesAsItself()
    {
        var s = Varied(3_000);
        var e = Record.Exception(() =>
            SimulationEngine.Run(s, new SimulationOptions { Threads = 2, BlockSize = 256 }, observer: new FailingObserver(atYear: 3)));
        Assert.IsType<InvalidOperationException>(e);
        Assert.Equal("observer failed at year 3", e.Message);
    }

    private sealed class Recorder(Action<double>? onReport = null) : IProgress<double>
    {
        public List<double> Values { get; } = [];
        public List<int> Threads { get; } = [];

        public void Report(double value)
        {
            Values.Add(value);
            Threads.Add(Environment.CurrentManagedThreadId);
            onReport?.Invoke(value);
        }
    }

    private sealed class FailingObserver(int atYear) : IYearObserver
    {
        private int _year;

        public void OnYear(YearPlan year, YearMetrics metrics, int paths)
        {
            if (_year++ == atYear)
            {
                throw new InvalidOperationException($"observer failed at year {atYear}");
            }
        }
    }
}
