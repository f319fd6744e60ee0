using Sim.Engine.Scenarios;
using Sim.Engine.Simulation;
using Sim.Engine.Statistics;

namespace Sim.Engine.Analysis;

/// <summary>The statistics of one paired difference per year and metric: the percentile levels, then the mean,
/// then the mean's standard error.</summary>
public static class DifferenceStatistics
{
    /// <summary>Percentile levels of the differences (the run outputs' default set).</summary>
    public static IReadOnlyList<double> Levels => SimulationSettings.DefaultPercentiles;

    /// <summary>Index of the mean in a statistics row.</summary>
    public static int Mean => Levels.Count;

    /// <summary>Index of the mean's standard error in a statistics row.</summary>
    public static int MeanStandardError => Levels.Count + 1;

    /// <summary>Length of a statistics row.</summary>
    public static int Count => Levels.Count + 2;

    /// <summary>Names as they appear in the Parquet <c>statistic</c> column: p5 … p95, mean, mean_se.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [.. Levels.Select(l => "p" + l.ToString(System.Globalization.CultureInfo.InvariantCulture)), "mean", "mean_se"];
}

/// <summary>B − A on the same paths for one pair of scenarios.</summary>
public sealed record PairComparison
{
    public required int A { get; init; }
    public required int B { get; init; }
    /// <summary>[metric, year index, statistic] (see <see cref="DifferenceStatistics"/>).</summary>
    public required double[,,] Statistics { get; init; }
    /// <summary>success(B) − success(A).</summary>
    public required double SuccessDifference { get; init; }
    /// <summary>Standard error of the difference from the paired per-path differences: sqrt(var(d)/n), d ∈ {−1, 0, 1}.</summary>
    public required double SuccessDifferenceStandardError { get; init; }
    /// <summary>The standard error two independent runs would have: sqrt(pA(1 − pA)/n + pB(1 − pB)/n).</summary>
    public required double SuccessDifferenceUnpairedStandardError { get; init; }
    /// <summary>Share of paths on which B's terminal real balance is strictly larger than A's.</summary>
    public required double ShareBAhead { get; init; }
    /// <summary>Share of paths on which both end with the same real balance (e.g. both ran out).</summary>
    public required double ShareTied { get; init; }
}

/// <summary>The result of comparing scenarios 1..n−1 with scenario 0 on the same paths.</summary>
public sealed record ComparisonResult
{
    public required IReadOnlyList<string> Scenarios { get; init; }
    /// <summary>Each scenario's probability of success, as its own run reports it.</summary>
    public required IReadOnlyList<double> Success { get; init; }
    public required int Paths { get; init; }
    public required ulong Seed { get; init; }
    public required int[] Years { get; init; }
    /// <summary>The first scenario's ages.</summary>
    public required int[] Ages { get; init; }
    public required IReadOnlyList<PairComparison> Pairs { get; init; }
}

/// <summary>
/// Paired comparison: every scenario runs with the same seed and paths, each on its own task, in lockstep. After
/// each year every run hands its per-path metrics to a barrier; when all have arrived, the differences B − A of
/// that year are reduced (percentiles, mean, standard error) while the runs wait, then all go on. Memory stays
/// proportional to paths (one difference buffer and each run's own per-path state), never paths × years.
/// </summary>
public static class Comparison
{
    /// <summary>Compares <paramref name="scenarios"/>[1..] with <paramref name="scenarios"/>[0]. Throws
    /// <see cref="ArgumentException"/> when they do not cover the same calendar years.</summary>
    public static ComparisonResult Compare(IReadOnlyList<Scenario> scenarios, IReadOnlyList<AnalysisOptions> options,
        CancellationToken cancellationToken = default)
    {
        if (scenarios.Count < 2 || options.Count != scenarios.Count)
        {
            throw new ArgumentException("compare needs at least two scenarios, each with its options");
        }

        var first = scenarios[0];
        foreach (var s in scenarios.Skip(1))
        {
            if (s.FirstYear != first.FirstYear || s.LastYear != first.LastYear)
            {
                throw new ArgumentException(
                    $"compare needs the same years: {first.Name} runs {first.FirstYear}-{first.LastYear}, {s.Name} runs {s.FirstYear}-{s.LastYear} " +
                    "(same startYear, and birthYear + endAge equal)");
            }
        }

        int n = scenarios.Count;
        int years = first.Years;
        var reducer = new LockstepReducer(n, years, scenarios);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var barrier = new Barrier(n, _ => reducer.ReduceYear());
        var results = new SimulationResult[n];
        var tasks = new Task[n];
        for (int i = 0; i < n; i++)
        {
            int index = i;
            tasks[i] = Task.Factory.StartNew(() =>
            {
                try
                {
                    var observer = new BarrierObserver(reducer, index, barrier, cancel.Token);
                    var lean = scenarios[index] with
                    {
                        Simulation = scenarios[index].Simulation with { Percentiles = [50.0] },
                    };
                    results[index] = SimulationEngine.Run(lean, options[index].Simulation, options[index].History, observer,
                        null, cancel.Token);
                }
                catch
                {
                    cancel.Cancel(); // the others would wait at the barrier for ever
                    throw;
                }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        try
        {
            Task.WaitAll(tasks, CancellationToken.None);
        }
        catch (AggregateException e)
        {
            var root = e.Flatten().InnerExceptions;
            var real = root.FirstOrDefault(x => x is not OperationCanceledException and not BarrierPostPhaseException)
                       ?? root.OfType<BarrierPostPhaseException>().Select(x => x.InnerException!).FirstOrDefault()
                       ?? root[0];
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(real).Throw();
        }

        int paths = results[0].Paths;
        if (results.Any(r => r.Paths != paths))
        {
            throw new ArgumentException("compare needs the same number of paths in every scenario");
        }

        return new ComparisonResult
        {
            Scenarios = scenarios.Select(s => s.Name).ToList(),
            Success = results.Select(r => r.Summary.SuccessProbability).ToList(),
            Paths = paths,
            Seed = results[0].Seed,
            Years = results[0].Years,
            Ages = results[0].Ages,
            Pairs = reducer.Pairs(results),
        };
    }

    private sealed class BarrierObserver(LockstepReducer reducer, int index, Barrier barrier, CancellationToken token)
        : IYearObserver
    {
        public void OnYear(YearPlan year, YearMetrics metrics, int paths)
        {
            reducer.Arrive(index, metrics, paths);
            barrier.SignalAndWait(token);
        }
    }

    /// <summary>Holds each run's metrics of the current year and reduces the differences once all are in. Runs only
    /// inside the barrier's post-phase action, when every run is waiting, so nothing changes under it.</summary>
    private sealed class LockstepReducer(int n, int years, IReadOnlyList<Scenario> scenarios)
    {
        private readonly YearMetrics?[] _metrics = new YearMetrics?[n];
        private readonly double[][,,] _stats = Enumerable.Range(0, n)
            .Select(_ => new double[Metrics.Count, years, DifferenceStatistics.Count]).ToArray();
        private readonly (double Difference, double PairedSe, double Ahead, double Tied)[] _terminal =
            new (double, double, double, double)[n];
        private int _paths = -1;
        private int _year;
        private double[] _buffer = [];

        public void Arrive(int index, YearMetrics metrics, int paths)
        {
            _metrics[index] = metrics;
            if (index == 0)
            {
                _paths = paths;
            }
        }

        public void ReduceYear()
        {
            int paths = _paths;
            if (_buffer.Length != paths)
            {
                _buffer = new double[paths];
            }

            var a = _metrics[0]!;
            double[] levels = [.. DifferenceStatistics.Levels];
            Span<double> row = stackalloc double[levels.Length];
            for (int b = 1; b < n; b++)
            {
                var mb = _metrics[b]!;
                for (int k = 0; k < Metrics.Count; k++)
                {
                    double[] va = a[k], vb = mb[k];
                    for (int p = 0; p < paths; p++)
                    {
                        _buffer[p] = vb[p] - va[p];
                    }

                    var d = _buffer.AsSpan(0, paths);
                    Percentiles.Compute(d, levels, row);
                    for (int j = 0; j < levels.Length; j++)
                    {
                        _stats[b][k, _year, j] = row[j];
                    }

                    (double mean, double se) = MeanAndStandardError(d);
                    _stats[b][k, _year, DifferenceStatistics.Mean] = mean;
                    _stats[b][k, _year, DifferenceStatistics.MeanStandardError] = se;
                }

                if (_year == years - 1)
                {
                    _terminal[b] = Terminal(a, mb, paths, scenarios[0], scenarios[b]);
                }
            }

            _year++;
        }

        public IReadOnlyList<PairComparison> Pairs(SimulationResult[] results) =>
            Enumerable.Range(1, n - 1).Select(b =>
            {
                int paths = results[0].Paths;
                double pa = results[0].Summary.SuccessProbability, pb = results[b].Summary.SuccessProbability;
                return new PairComparison
                {
                    A = 0,
                    B = b,
                    Statistics = _stats[b],
                    SuccessDifference = pb - pa,
                    SuccessDifferenceStandardError = _terminal[b].PairedSe,
                    SuccessDifferenceUnpairedStandardError = Math.Sqrt(
                        Math.Pow(MonteCarlo.ProportionStandardError(pa, paths), 2) +
                        Math.Pow(MonteCarlo.ProportionStandardError(pb, paths), 2)),
                    ShareBAhead = _terminal[b].Ahead,
                    ShareTied = _terminal[b].Tied,
                };
            }).ToList();

        /// <summary>
        /// The paired standard error of the success difference and who ends ahead. A path succeeded when it never
        /// failed; a failed path pays out its whole balance in the year it fails and holds exactly $0 from then on
        /// (spec 7, 12), so at the end "succeeded" is "terminal balance above 0" for the strategies that can fail.
        /// </summary>
        private static (double Difference, double PairedSe, double Ahead, double Tied) Terminal(YearMetrics a, YearMetrics b,
            int paths, Scenario sa, Scenario sb)
        {
            double[] ra = a[Metric.BalanceReal], rb = b[Metric.BalanceReal];
            double[] na = a.ValuesOf((int)Metric.Balance), nb = b.ValuesOf((int)Metric.Balance);
            // Which strategies can fail is the policy registry's fact (percentOfBalance and rmdOnly never do).
            bool aCanFail = Simulation.Policies.WithdrawalPolicies.Of(sa.Withdrawals.Strategy).CanFail;
            bool bCanFail = Simulation.Policies.WithdrawalPolicies.Of(sb.Withdrawals.Strategy).CanFail;
            long sum = 0, sumSquares = 0, ahead = 0, tied = 0;
            for (int p = 0; p < paths; p++)
            {
                int sA = !aCanFail || na[p] > 0 ? 1 : 0;
                int sB = !bCanFail || nb[p] > 0 ? 1 : 0;
                int d = sB - sA;
                sum += d;
                sumSquares += d * d;
                ahead += rb[p] > ra[p] ? 1 : 0;
                tied += rb[p] == ra[p] ? 1 : 0;
            }

            double mean = sum / (double)paths;
            double variance = Math.Max(0, (sumSquares / (double)paths) - (mean * mean));
            return (mean, Math.Sqrt(variance / paths), ahead / (double)paths, tied / (double)paths);
        }

        /// <summary>Mean (fixed summation order) and its standard error, sample standard deviation / sqrt(n).</summary>
        private static (double Mean, double StandardError) MeanAndStandardError(ReadOnlySpan<double> d)
        {
            int n = d.Length;
            if (n == 0)
            {
                return (double.NaN, double.NaN);
            }

            double mean = DeterministicSum.Sum(d) / n;
            if (n == 1)
            {
                return (mean, 0);
            }

            double ss = 0;
            for (int i = 0; i < n; i++)
            {
                double e = d[i] - mean;
                ss += e * e;
            }

            return (mean, Math.Sqrt(ss / (n - 1) / n));
        }
    }
}
