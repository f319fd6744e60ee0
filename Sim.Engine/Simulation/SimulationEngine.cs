using Sim.Engine.Returns;
using Sim.Engine.Scenarios;
using Sim.Engine.Simd;
using Sim.Engine.Statistics;

namespace Sim.Engine.Simulation;

/// <summary>How to run: overrides of the scenario's simulation settings and the execution knobs. None of them
/// changes the numbers except Paths and Seed.</summary>
public sealed record SimulationOptions
{
    /// <summary>Paths per parallel work item by default: large enough to amortize scheduling, small enough to spread over cores.</summary>
    public const int DefaultBlockSize = 4096;

    /// <summary>Overrides <c>simulation.paths</c> (the CLI's <c>--paths</c>); null keeps the scenario's.</summary>
    public int? Paths { get; init; }
    /// <summary>Overrides <c>simulation.seed</c> (the CLI's <c>--seed</c>); null keeps the scenario's.</summary>
    public ulong? Seed { get; init; }
    /// <summary>Worker threads; 0 = as many as the thread pool gives (about one per core). The engine reads no
    /// machine facts itself: callers that want an exact count pass it.</summary>
    public int Threads { get; init; }
    /// <summary>Vector width of the kernels; Auto = the widest the hardware accelerates. Never changes the numbers.</summary>
    public SimdWidth Width { get; init; } = SimdWidth.Auto;
    /// <summary>Paths per parallel work item.</summary>
    public int BlockSize { get; init; } = DefaultBlockSize;

    /// <summary>Tests only: run every distribution year through the per-path phase, never the vectorized one.</summary>
    internal bool ScalarDistribution { get; init; }
}

/// <summary>Sees every year's per-path metrics before they are reduced (for raw path output).</summary>
public interface IYearObserver
{
    /// <summary>False for observers that only need the timing of the call (e.g. a profiler): the engine then does
    /// not expand metrics that are constant this year into their per-path arrays.</summary>
    bool ReadsValues => true;

    /// <summary>Called once per simulated year, after every path has stepped, with that year's per-path metrics.</summary>
    /// <param name="year">The year's plan (calendar year, age, limits).</param>
    /// <param name="metrics">Per-path values of every metric; valid only during the call.</param>
    /// <param name="paths">Number of paths (the length that is meaningful in each metric array).</param>
    void OnYear(YearPlan year, YearMetrics metrics, int paths);
}

/// <summary>
/// Runs a validated scenario: years in the outer loop, blocks of paths in parallel inside each year, statistics
/// folded in as each year completes. State is kept per path only (memory ∝ paths, never paths × years). The
/// numbers depend only on the scenario, the seed and the path count: not on threads, block size or vector width.
/// </summary>
public static class SimulationEngine
{
    /// <summary>Runs <paramref name="scenario"/> and returns its percentiles, yearly figures and summary.</summary>
    /// <param name="scenario">A validated scenario.</param>
    /// <param name="options">Paths and seed overrides, threads, vector width.</param>
    /// <param name="history">The scenario's own history CSV, already read (bootstrap and historical); null = built in.</param>
    /// <param name="observer">Sees every year's per-path metrics (raw path output); null for none.</param>
    /// <param name="progress">Reports the share of years done, 0..1.</param>
    /// <param name="cancellationToken">Checked between years.</param>
    public static SimulationResult Run(Scenario scenario, SimulationOptions options, MarketHistory? history = null,
        IYearObserver? observer = null, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        scenario = scenario with
        {
            Simulation = scenario.Simulation with
            {
                Paths = scenario.Simulation.EffectivePaths(options.Paths),
                Seed = scenario.Simulation.EffectiveSeed(options.Seed),
            },
        };

        var plan = YearPlan.Build(scenario);
        var generator = ReturnGenerators.Create(scenario, history, options.Width, ReturnDemand.Of(plan));
        int paths = checked((int)generator.PathCount);
        int years = plan.Length;
        int blockSize = Math.Max(8, options.BlockSize);
        int blocks = (paths + blockSize - 1) / blockSize;
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.Threads > 0 ? options.Threads : -1, // -1: the thread pool decides
            CancellationToken = cancellationToken,
        };

        var kernel = new PathKernel(scenario, plan, options.Width, options.ScalarDistribution);
        var state = new PathState(paths);
        var metrics = new YearMetrics(paths);
        double[] levels = [.. scenario.Simulation.Percentiles];
        var pct = new double[Metrics.Count, years, levels.Length];
        var yearly = new YearlyFigures(new double[years], new double[years], new double[years], new double[years],
            new double[years]);
        int loansCut = 0;
        var yearCounts = new StepCounts();
        // The median nominal balance of every year, for the peak age (spec 12): read from the percentiles when 50 is
        // among the levels, otherwise computed directly from the year's balances.
        int medianLevel = Array.IndexOf(levels, 50.0);
        var medianBalance = new double[years];

        Parallel.For(0, blocks, parallel, b =>
        {
            int start = b * blockSize;
            kernel.Initialize(state, start, Math.Min(blockSize, paths - start));
        });

        for (int t = 0; t < years; t++)
        {
            var y = plan[t];
            var next = t + 1 < years ? plan[t + 1] : null;
            yearCounts = default;
            kernel.SetYearConstants(y, metrics);
            Parallel.For(0, blocks, parallel,
                () => new BlockScratch(blockSize),
                (b, _, scratch) =>
                {
                    int start = b * blockSize;
                    int count = Math.Min(blockSize, paths - start);
                    generator.Fill(t, start, count, scratch.Returns);
                    var c = kernel.Step(y, next, state, scratch, start, count, metrics);
                    if (c.LoansCut > 0)
                    {
                        Interlocked.Add(ref loansCut, c.LoansCut);
                    }

                    Interlocked.Add(ref yearCounts.Failed, c.Failed);
                    Interlocked.Add(ref yearCounts.RmdBinding, c.RmdBinding);

                    return scratch;
                },
                _ => { });

            if (observer is not null)
            {
                if (observer.ReadsValues)
                {
                    metrics.FillConstants(paths);
                }

                observer.OnYear(y, metrics, paths);
            }

            Reduce(t, state, metrics, levels, pct, yearly, yearCounts, parallel);
            medianBalance[t] = medianLevel >= 0 ? pct[(int)Metric.Balance, t, medianLevel] : Median(metrics.ValuesOf((int)Metric.Balance), paths);
            progress?.Report((t + 1) / (double)years);
        }

        return new SimulationResult
        {
            Scenario = scenario,
            Paths = paths,
            Seed = scenario.Simulation.Seed,
            EngineVersion = EngineInfo.Version,
            Notes = string.IsNullOrEmpty(generator.Notes) ? [] : [generator.Notes],
            Width = kernel.Width,
            Levels = levels,
            Years = plan.Select(p => p.Year).ToArray(),
            Ages = plan.Select(p => p.Age).ToArray(),
            Percentiles = pct,
            Yearly = yearly,
            Summary = Summarize(plan, state, pct, levels, yearly, medianBalance, loansCut),
        };
    }

    private static void Reduce(int t, PathState state, YearMetrics metrics, double[] levels, double[,,] pct,
        YearlyFigures yearly, StepCounts counts, ParallelOptions parallel)
    {
        int n = state.Paths;
        Parallel.For(0, Metrics.Count, parallel, k =>
        {
            Span<double> row = stackalloc double[levels.Length];
            if (metrics.Constant(k) is { } constant)
            {
                row.Fill(constant);
            }
            else if (metrics.SameAs(k) >= 0)
            {
                return; // copied from the metric it equals, below
            }
            else
            {
                Percentiles.Compute(metrics[k], levels, row);
            }

            for (int j = 0; j < levels.Length; j++)
            {
                pct[k, t, j] = row[j];
            }
        });

        for (int k = 0; k < Metrics.Count; k++)
        {
            if (metrics.Constant(k) is null && metrics.SameAs(k) is var same and >= 0)
            {
                for (int j = 0; j < levels.Length; j++)
                {
                    pct[k, t, j] = pct[same, t, j];
                }
            }
        }

        yearly.ShareFailed[t] = counts.Failed / (double)n;
        yearly.ShareRmdBinding[t] = counts.RmdBinding / (double)n;
        yearly.MeanBalance[t] = Mean(metrics.ValuesOf((int)Metric.Balance));
        yearly.MeanBalanceReal[t] = Mean(metrics[Metric.BalanceReal]);
        yearly.MeanWithdrawals[t] = metrics.Constant((int)Metric.Withdrawals) ?? Mean(metrics[Metric.Withdrawals]);
    }

    /// <summary>Mean with a fixed summation order: the same bits for any thread count and vector width.</summary>
    private static double Mean(double[] values) => DeterministicSum.Sum(values) / values.Length;

    private static double Median(double[] values, int paths)
    {
        Span<double> one = stackalloc double[1];
        Percentiles.Compute(values.AsSpan(0, paths), [50.0], one);
        return one[0];
    }

    private static RunSummary Summarize(YearPlan[] plan, PathState state, double[,,] pct, double[] levels,
        YearlyFigures yearly, double[] medians, int loansCut)
    {
        int last = plan.Length - 1;
        double[] terminalNominal = new double[levels.Length], terminalReal = new double[levels.Length];
        for (int j = 0; j < levels.Length; j++)
        {
            terminalNominal[j] = pct[(int)Metric.Balance, last, j];
            terminalReal[j] = pct[(int)Metric.BalanceReal, last, j];
        }

        // Peak of the median nominal balance.
        int peak = 0;
        for (int t = 1; t < plan.Length; t++)
        {
            if (medians[t] > medians[peak])
            {
                peak = t;
            }
        }

        double[] failures = state.FailureAge.Where(a => a != 0).Select(a => (double)a).ToArray();
        Span<double> one = stackalloc double[1];
        Percentiles.Compute(failures, [50.0], one);
        double medianFailure = failures.Length > 0 ? one[0] : double.NaN;
        Percentiles.Compute(state.TotalTaxes, [50.0], one);

        return new RunSummary
        {
            SuccessProbability = 1 - yearly.ShareFailed[last],
            TerminalNominal = terminalNominal,
            TerminalReal = terminalReal,
            PeakAge = plan[peak].Age,
            MedianFailureAge = medianFailure,
            MeanTotalTaxes = Mean(state.TotalTaxes),
            MedianTotalTaxes = one[0],
            LoanRequestsCut = loansCut,
        };
    }
}
