using System.Collections.Concurrent;
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

    /// <summary>Measurement only: each year's percentiles are reduced before the next year's paths step, instead of
    /// beside them, so that a caller can time the two phases apart (Sim.Bench). Same numbers, slower.</summary>
    internal bool Sequential { get; init; }

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
        // Two sets of metric arrays: the percentiles of year t are reduced from one while the paths step year t + 1
        // into the other (see the loop below).
        YearMetrics[] buffers = [new YearMetrics(paths), new YearMetrics(paths)];
        // The yearly means' chunk sums (PathMean), one set per metric set: a block of whole chunks sums its own
        // right after it steps, while its values are in cache; other block sizes leave it to the reduction.
        int chunks = PathMean.Chunks(paths);
        bool meansInBlocks = blockSize % PathMean.Chunk == 0;
        double[][] meanSums = [new double[Averaged.Length * chunks], new double[Averaged.Length * chunks]];
        double[] levels = [.. scenario.Simulation.Percentiles];
        var pct = new double[Metrics.Count, years, levels.Length];
        var yearly = new YearlyFigures(new double[years], new double[years], new double[years], new double[years],
            new double[years]);
        int loansCut = 0;
        // The median nominal balance of every year, for the peak age (spec 12): read from the percentiles when 50 is
        // among the levels, otherwise computed directly from the year's balances.
        int medianLevel = Array.IndexOf(levels, 50.0);
        var medianBalance = new double[years];

        Parallel.For(0, blocks, parallel, b =>
        {
            int start = b * blockSize;
            kernel.Initialize(state, start, Math.Min(blockSize, paths - start));
        });

        // Year t's reduction runs beside year t + 1's path steps: the steps read and write only the path state and
        // their own metric arrays, the reduction only the other arrays and its own cells of the results, so the
        // threads that would wait at the end of each phase for the other's last item do the other phase's work
        // instead. It is waited for before its arrays are written again (year t + 2), and every item computes the
        // same bits whichever thread runs it and whenever, so the numbers do not change.
        Task? reducing = null;
        // Each thread's block scratch is kept for the next year instead of allocated again (about 0.5 MB per thread
        // and year, fresh memory the kernel would otherwise fault in): the kernel writes every scratch value of a
        // block before it reads it, so what a reused scratch held does not matter.
        var scratches = new ConcurrentBag<BlockScratch>();
        try
        {
            for (int t = 0; t < years; t++)
            {
                var y = plan[t];
                var next = t + 1 < years ? plan[t + 1] : null;
                var metrics = buffers[t & 1];
                var yearCounts = new StepCounts();
                kernel.SetYearConstants(y, metrics);
                Parallel.For(0, blocks, parallel,
                    () => scratches.TryTake(out var reused) ? reused : new BlockScratch(blockSize),
                    (b, _, scratch) =>
                    {
                        int start = b * blockSize;
                        int count = Math.Min(blockSize, paths - start);
                        generator.Fill(t, start, count, scratch.Returns);
                        var c = kernel.Step(y, next, state, scratch, start, count, metrics);
                        if (meansInBlocks)
                        {
                            SumMeanChunks(metrics, meanSums[t & 1], chunks, start, count);
                        }

                        if (c.LoansCut > 0)
                        {
                            Interlocked.Add(ref loansCut, c.LoansCut);
                        }

                        Interlocked.Add(ref yearCounts.Failed, c.Failed);
                        Interlocked.Add(ref yearCounts.RmdBinding, c.RmdBinding);

                        return scratch;
                    },
                    scratches.Add);

                Join(ref reducing, t - 1, years, progress);
                if (observer is not null)
                {
                    if (observer.ReadsValues)
                    {
                        metrics.FillConstants(paths);
                    }

                    observer.OnYear(y, metrics, paths);
                }

                int year = t;
                reducing = Task.Run(() =>
                {
                    Reduce(year, paths, metrics, meansInBlocks ? meanSums[year & 1] : null, levels, pct, yearly, yearCounts,
                        parallel);
                    medianBalance[year] = medianLevel >= 0 ? pct[(int)Metric.Balance, year, medianLevel] : Median(metrics.ValuesOf((int)Metric.Balance), paths);
                }, cancellationToken);
                if (options.Sequential)
                {
                    Join(ref reducing, t, years, progress);
                }
            }

            Join(ref reducing, years - 1, years, progress);
        }
        finally
        {
            // An exception or a cancellation stops the loop: the reduction still running must not outlive the call.
            try
            {
                reducing?.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // Already failing with the first exception; this one is the same failure seen again or a consequence.
            }
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

    /// <summary>Waits for the reduction of year <paramref name="t"/> in flight, if any, rethrowing its exception as
    /// itself, then reports the year done (on the caller's thread, as every other report).</summary>
    private static void Join(ref Task? reducing, int t, int years, IProgress<double>? progress)
    {
        if (reducing is { } task)
        {
            reducing = null;
            task.GetAwaiter().GetResult();
            progress?.Report((t + 1) / (double)years);
        }
    }

    /// <summary>The metrics whose mean across paths the yearly figures report, in the order of their slots in the
    /// chunk sums (<see cref="MeanDestination"/> gives each one's yearly array).</summary>
    private static readonly Metric[] Averaged = [Metric.Balance, Metric.BalanceReal, Metric.Withdrawals];

    private static double[] MeanDestination(YearlyFigures yearly, int slot) => slot switch
    {
        0 => yearly.MeanBalance,
        1 => yearly.MeanBalanceReal,
        _ => yearly.MeanWithdrawals,
    };

    /// <summary>The chunk sums of the <see cref="Averaged"/> metrics that vary this year, for one block's paths
    /// [start, start + count) (whole chunks, or up to the last path), slot by slot.</summary>
    private static void SumMeanChunks(YearMetrics m, double[] sums, int chunks, int start, int count)
    {
        for (int slot = 0; slot < Averaged.Length; slot++)
        {
            if (m.Constant((int)Averaged[slot]) is null)
            {
                PathMean.SumChunks(m.ValuesOf((int)Averaged[slot]), start, count, sums.AsSpan(slot * chunks, chunks));
            }
        }
    }

    private static void Reduce(int t, int n, YearMetrics metrics, double[]? meanSums, double[] levels, double[,,] pct,
        YearlyFigures yearly, StepCounts counts, ParallelOptions parallel)
    {
        // Three rounds of independent work items, each handed to the threads one at a time in list order (so the
        // long items start first and the short ones fill the gaps): (1) per metric that varies and is not a copy of
        // another, the plan of its percentiles (the sample and its brackets); (2) the one pass over the values, split
        // into ClassifyParts ranges of paths per metric so two threads share a metric instead of one waiting for the
        // other's last, then the yearly means; (3) per metric, the select and the interpolation. Each item writes
        // only its own cells and a select does not depend on how its pass was split, so the numbers are the same
        // bits for any thread count.
        var columns = new List<int>(Metrics.Count);
        for (int k = 0; k < Metrics.Count; k++)
        {
            if (metrics.Constant(k) is { } constant)
            {
                for (int j = 0; j < levels.Length; j++)
                {
                    pct[k, t, j] = constant;
                }
            }
            else if (metrics.SameAs(k) < 0)
            {
                columns.Add(k);
            }
        }

        var jobs = new Percentiles.Job[columns.Count];
        try
        {
            RunItems(Enumerable.Range(0, columns.Count).Select(c => (Action)(() =>
                jobs[c] = new Percentiles.Job(metrics[columns[c]], levels, ClassifyParts))).ToList(), parallel);

            var passes = new List<Action>();
            foreach (var job in jobs)
            {
                for (int part = 0; part < job.Parts; part++)
                {
                    int p = part;
                    passes.Add(() => job.Classify(p));
                }
            }

            // The yearly means: a constant's value; otherwise from the blocks' chunk sums, or (another block size)
            // summed here, chunk by chunk.
            for (int slot = 0; slot < Averaged.Length; slot++)
            {
                double[] destination = MeanDestination(yearly, slot);
                if (metrics.Constant((int)Averaged[slot]) is { } constant)
                {
                    destination[t] = constant;
                }
                else if (meanSums is null)
                {
                    double[] values = metrics.ValuesOf((int)Averaged[slot]);
                    passes.Add(() => destination[t] = PathMean.Of(values));
                }
                else
                {
                    int chunks = meanSums.Length / Averaged.Length;
                    destination[t] = PathMean.FromChunks(meanSums.AsSpan(slot * chunks, chunks), n);
                }
            }

            RunItems(passes, parallel);
            RunItems(Enumerable.Range(0, columns.Count).Select(c => (Action)(() =>
            {
                Span<double> row = stackalloc double[levels.Length];
                jobs[c].Finish(row);
                for (int j = 0; j < levels.Length; j++)
                {
                    pct[columns[c], t, j] = row[j];
                }
            })).ToList(), parallel);
        }
        finally
        {
            foreach (var job in jobs)
            {
                job?.Dispose();
            }
        }

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
    }

    /// <summary>Ranges of paths per metric for the percentile pass: enough for two threads to share the metrics
    /// evenly, few enough that each range is a long run of memory.</summary>
    private const int ClassifyParts = 4;

    /// <summary>Runs independent items on the threads, handing them out one at a time in list order.</summary>
    private static void RunItems(List<Action> items, ParallelOptions parallel) =>
        Parallel.ForEach(Partitioner.Create(items, EnumerablePartitionerOptions.NoBuffering), parallel, item => item());


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
            MeanTotalTaxes = PathMean.Of(state.TotalTaxes),
            MedianTotalTaxes = one[0],
            LoanRequestsCut = loansCut,
        };
    }
}
