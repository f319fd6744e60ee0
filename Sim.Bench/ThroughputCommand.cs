using System.Diagnostics;
using System.Globalization;
using Sim.Engine.Random;
using Sim.Engine.Returns;
using Sim.Engine.Scenarios;
using Sim.Engine.Simd;
using Sim.Engine.Simulation;
using Sim.Worker.Scenarios;

namespace Sim.Bench;

/// <summary>
/// <c>throughput --scenario FILE --paths N [--baseline-paths M] [--threads T] [--width auto|scalar|256|512]
/// [--reference-paths R] [--python PY] [--cliff DIR] [--coverage DIR2] [--cliff-paths C] [--widths] [--no-avx512]</c>:
/// one process, one run, every figure measured side by side so the ratios hold on a noisy shared machine:
/// <list type="bullet">
/// <item>the NumPy reference (<c>reference/reference.py</c>, the vectorized version an analyst would write) and the
/// product's <c>run</c> verb, each as a whole process on the same scenario, compared per path-year (R = 0 skips);</item>
/// <item>the engine in process: path-years per second, and the split between the path kernel and percentiles;</item>
/// <item>the limit: generating exactly the normal draws that run needs and nothing else, same threads;</item>
/// <item>the plain baseline: <see cref="NaiveSimulation"/> on fewer paths, scaled per path-year;</item>
/// <item>peak working set of the process right after the engine run;</item>
/// <item>the cliff table: every scenario of DIR in process, time per path-year against DIR's baseline.json; with
/// <c>--coverage</c>, a second table in the same passes for configurations beyond the shipped scenarios: each file of
/// DIR2 is a stress-style overlay named <c>{scenario}+{variant}.json</c>, applied to DIR's <c>{scenario}.json</c>;</item>
/// <item>with <c>--widths</c>: the engine at AVX-512, AVX2 and scalar, and whether the numbers are identical;</item>
/// <item>with <c>--no-avx512</c>: the issue's AVX2-only machine class on this machine: both whole processes without
/// AVX-512 (<see cref="ReferenceRunner.WithoutAvx512"/>) and the in-process figures at AVX2 width.</item>
/// </list>
/// </summary>
public static class ThroughputCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        string? file = null, cliffDir = null, coverageDir = null;
        int paths = 1_000_000, baselinePaths = 10_000, threads = Environment.ProcessorCount;
        int? referencePaths = null, cliffPaths = null;
        string python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var width = SimdWidth.Auto;
        bool widths = false, noAvx512 = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--scenario": file = args[++i]; break;
                case "--paths": paths = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--baseline-paths": baselinePaths = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--threads": threads = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--reference-paths": referencePaths = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--python": python = args[++i]; break;
                case "--cliff": cliffDir = args[++i]; break;
                case "--coverage": coverageDir = args[++i]; break;
                case "--cliff-paths": cliffPaths = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--widths": widths = true; break;
                case "--no-avx512": noAvx512 = true; width = SimdWidth.Vector256; break;
                case "--width":
                    width = args[++i] switch { "scalar" => SimdWidth.Scalar, "256" => SimdWidth.Vector256, "512" => SimdWidth.Vector512, _ => SimdWidth.Auto };
                    break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}");
                    return Task.FromResult(2);
            }
        }

        if (file is null)
        {
            Console.Error.WriteLine("usage: throughput --scenario FILE [--paths N] [--baseline-paths M] [--threads T] [--width W] " +
                                    "[--reference-paths R] [--python PY] [--cliff DIR] [--coverage DIR2] [--cliff-paths C] [--widths]");
            return Task.FromResult(2);
        }

        if (Load(file) is not { } scenario)
        {
            return Task.FromResult(1);
        }

        var w = Console.Out;
        var c = CultureInfo.InvariantCulture;
        int refPaths = referencePaths ?? paths;
        if (refPaths > 0)
        {
            // Whole processes first, while this process is still small: the reference, then the product's run verb.
            double pathYears = (double)scenario.Years;
            // One untimed run first: right after `dotnet run` has built this program, the build's compiler and MSBuild
            // servers are still busy for a moment and the freshly written images are read for the first time (a
            // first run measured 1.44 s against 1.13-1.21 s for the next ones).
            ReferenceRunner.RunProduct(file, paths, threads, noAvx512: noAvx512);
            var product = ReferenceRunner.RunProduct(file, paths, threads, noAvx512: noAvx512);
            if (noAvx512)
            {
                w.WriteLine($"AVX-512 off in both whole processes ({ReferenceRunner.WithoutAvx512Description}); in-process figures at AVX2 width");
            }

            w.WriteLine($"whole processes, {scenario.Name}, {scenario.Years} years:");
            w.WriteLine($"  product `run` verb             {product.WallSeconds.ToString("0.00", c)} s on {paths.ToString("N0", c)} paths = " +
                        $"{(product.WallSeconds / (paths * pathYears) * 1e9).ToString("0.0", c)} ns per path-year, CPU {product.CpuSeconds.ToString("0.00", c)} s, peak RSS {product.PeakRssMiB.ToString("0", c)} MiB");
            w.WriteLine($"    (dotnet {Path.GetRelativePath(Environment.CurrentDirectory, ReferenceRunner.WorkerDll())} run ...: the worker's own build output)");
            // A second run with the worker's phase trace, for where the time goes (the first is timed untraced).
            if (ReferenceRunner.Phases(ReferenceRunner.RunProduct(file, paths, threads, tracePhases: true, noAvx512: noAvx512)) is { } phases)
            {
                var (before, engine, after, exit) = phases;
                w.WriteLine($"    where it goes (a second, traced run): start to engine {before.ToString("0.00", c)} s, engine {engine.ToString("0.00", c)} s, " +
                            $"files and summary {after.ToString("0.00", c)} s, runtime exit {exit.ToString("0.00", c)} s (SIM_TRACE_PHASES=1 shows each phase)");
            }

            if (ReferenceRunner.Unsupported(scenario) is { } why)
            {
                w.WriteLine($"  NumPy reference                not run: it does not implement {why}");
            }
            else
            {
                var reference = ReferenceRunner.RunReference(scenario, refPaths, python, noAvx512);
                double refPerPathYear = reference.Process.WallSeconds / (refPaths * pathYears);
                double productPerPathYear = product.WallSeconds / (paths * pathYears);
                w.WriteLine($"  NumPy reference                {reference.Process.WallSeconds.ToString("0.00", c)} s on {refPaths.ToString("N0", c)} paths = " +
                            $"{(refPerPathYear * 1e9).ToString("0.0", c)} ns per path-year (its year loop {reference.LoopSeconds.ToString("0.00", c)} s), " +
                            $"CPU {reference.Process.CpuSeconds.ToString("0.00", c)} s, peak RSS {reference.Process.PeakRssMiB.ToString("0", c)} MiB");
                w.WriteLine($"    numpy {reference.NumPy}, BLAS {reference.Blas}");
                w.WriteLine($"    its median terminal balance {reference.MedianTerminalBalance.ToString("N0", c)}, success {(reference.SuccessProbability * 100).ToString("0.0", c)} % " +
                            "(other draws: agrees with the engine to Monte Carlo error)");
                w.WriteLine($"  reference / product per path-year, whole processes   {(refPerPathYear / productPerPathYear).ToString("0.0", c)}x wall   (target >= 20x, aim 30x)");
                double cpuRatio = reference.Process.CpuSeconds / refPaths / (product.CpuSeconds / paths);
                w.WriteLine($"    in CPU seconds (robust to a loaded machine; the product uses {threads} threads, the reference one)   {cpuRatio.ToString("0.0", c)}x");
            }
        }

        var report = Measure(scenario, paths, baselinePaths, threads, width);
        report.Print(w);
        if (cliffDir is not null)
        {
            Cliff(cliffDir, coverageDir, cliffPaths ?? paths, threads, width, w);
        }

        if (widths)
        {
            CompareWidths(scenario, paths, threads, w);
        }

        return Task.FromResult(0);
    }

    /// <summary>A coverage overlay <c>{scenario}+{variant}.json</c> applied to <paramref name="dir"/>'s
    /// <c>{scenario}.json</c>, as <c>run --overlay</c> applies a stress overlay.</summary>
    private static Scenario? LoadOverlay(string file, string dir)
    {
        string name = Path.GetFileNameWithoutExtension(file);
        int plus = name.IndexOf('+', StringComparison.Ordinal);
        string baseFile = Path.Combine(dir, (plus > 0 ? name[..plus] : "baseline") + ".json");
        return Valid(ScenarioFile.LoadWithOverlay(baseFile, file, DateTime.Now.Year), $"{file} on {baseFile}");
    }

    private static Scenario? Load(string file) => Valid(ScenarioFile.Load(file), file);

    /// <summary>The loaded scenario, or null after printing its errors under <paramref name="label"/>.</summary>
    private static Scenario? Valid(LoadedScenario loaded, string label)
    {
        if (loaded.Result.IsValid)
        {
            return loaded.Result.Scenario!;
        }

        foreach (var e in loaded.Result.Errors)
        {
            Console.Error.WriteLine($"{label}: {e}");
        }

        return null;
    }

    /// <summary>
    /// The cliff table: every scenario file of <paramref name="dir"/> through the engine in this process (warm, same
    /// paths and threads, best of two passes), time per path-year and its ratio to the directory's baseline.json
    /// (target: within 1.5x).
    /// </summary>
    public static void Cliff(string dir, string? coverageDir, int paths, int threads, SimdWidth width, TextWriter w)
    {
        var c = CultureInfo.InvariantCulture;
        var scenarios = new List<(string Name, Scenario Scenario)>();
        foreach (string f in Directory.GetFiles(dir, "*.json").OrderBy(f => Path.GetFileName(f) == "baseline.json" ? "" : f, StringComparer.Ordinal))
        {
            if (Load(f) is { } loaded)
            {
                scenarios.Add((Path.GetFileNameWithoutExtension(f), loaded));
            }
        }

        int shipped = scenarios.Count;
        foreach (string f in coverageDir is null ? [] : Directory.GetFiles(coverageDir, "*.json").Order(StringComparer.Ordinal).ToArray())
        {
            if (LoadOverlay(f, dir) is { } loaded)
            {
                scenarios.Add((Path.GetFileNameWithoutExtension(f), loaded));
            }
        }

        // Every scenario warmed up first, then Rounds passes over all of them keeping each one's fastest: the first
        // scenario measured (baseline, the denominator) gets no advantage or penalty from the order, and a burst
        // of load from other processes on the shared machine spoils one pass, not the figure.
        const int Rounds = 2;
        var options = new SimulationOptions { Paths = paths, Threads = threads, Width = width };
        foreach (var (_, s) in scenarios)
        {
            for (int i = 0; i < 2; i++)
            {
                SimulationEngine.Run(s, options with { Paths = Math.Min(paths, 50_000) });
            }
        }

        var best = scenarios.Select(_ => (Seconds: double.MaxValue, Cpu: double.MaxValue)).ToArray();
        for (int round = 0; round < Rounds; round++)
        {
            for (int k = 0; k < scenarios.Count; k++)
            {
                GC.Collect();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                SimulationEngine.Run(scenarios[k].Scenario, options);
                double wall = clock.Elapsed.TotalSeconds;
                double used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                best[k] = (Math.Min(best[k].Seconds, wall), Math.Min(best[k].Cpu, used));
            }
        }

        var rows = scenarios.Select((x, k) => (x.Name, x.Scenario.Years, best[k].Seconds, best[k].Cpu)).ToList();
        bool hasBase = rows.Count > 0 && rows[0].Name == "baseline";
        double baseWall = hasBase ? rows[0].Seconds / ((double)paths * rows[0].Years) : double.NaN;
        double baseCpu = hasBase ? rows[0].Cpu / ((double)paths * rows[0].Years) : double.NaN;
        w.WriteLine($"cliff: engine in process, {paths.ToString("N0", c)} paths each, best of {Rounds} passes, time per path-year vs baseline (target <= 1.5x); " +
                    "CPU time (all threads) is the figure to read on a loaded machine");
        for (int k = 0; k < rows.Count; k++)
        {
            var (name, years, seconds, cpu) = rows[k];
            if (k == shipped)
            {
                w.WriteLine("coverage: configurations beyond the shipped scenarios (scenario+variant, an overlay on the shipped file), same passes, same baseline");
            }

            double wall = seconds / ((double)paths * years), cpuPerPathYear = cpu / ((double)paths * years);
            double ratio = cpuPerPathYear / baseCpu;
            w.WriteLine($"  {name,-26} {years,3} years  wall {seconds.ToString("0.000", c),7} s {(wall * 1e9).ToString("0.0", c),6} ns/path-year {(wall / baseWall).ToString("0.00", c)}x" +
                        $"   CPU {cpu.ToString("0.000", c),7} s {(cpuPerPathYear * 1e9).ToString("0.0", c),6} ns/path-year {ratio.ToString("0.00", c)}x{(ratio > 1.5 ? "  (cliff)" : "")}");
        }
    }

    public static ThroughputReport Measure(Scenario scenario, int paths, int baselinePaths, int threads, SimdWidth width)
    {
        int years = scenario.Years;
        var options = new SimulationOptions { Paths = paths, Threads = threads, Width = width };
        int normals = NormalsPerPathYear(scenario, width);

        // Warm up every code path until the tiered JIT has promoted the hot methods (it compiles them in the
        // background), so the engine and the limit are both measured as optimized steady-state code.
        for (int i = 0; i < 3; i++)
        {
            SimulationEngine.Run(scenario, options with { Paths = Math.Min(paths, 50_000) });
            NormalLimit(scenario.Simulation.Seed, Math.Min(paths, 50_000), years, threads, width, normals);
            Thread.Sleep(200);
        }

        // One full-size run first, untimed: the first run of this size in a process faults in its fresh memory (about
        // 0.1 s at 1M paths), which the product's process pays too (its whole-process time above includes it), but
        // which would otherwise fall on whichever of the two runs below came first.
        SimulationEngine.Run(scenario, options);
        long peak = Process.GetCurrentProcess().PeakWorkingSet64;
        GC.Collect();
        var clock = Stopwatch.StartNew();
        var result = SimulationEngine.Run(scenario, options);
        double engine = clock.Elapsed.TotalSeconds;

        // The split between the phases, from a run that does not overlap them (the engine reduces year t while the
        // paths step year t + 1, so in the run above they share the threads and cannot be told apart).
        var timer = new PhaseTimer();
        GC.Collect();
        clock.Restart();
        SimulationEngine.Run(scenario, options with { Sequential = true }, null, timer, timer);
        double sequential = clock.Elapsed.TotalSeconds;

        double limit = NormalLimit(scenario.Simulation.Seed, paths, years, threads, width, normals);
        double draws = DrawsOnly(scenario, paths, threads, width);

        clock.Restart();
        // The plain baseline implements the 4% rule only; any other strategy has no baseline figure (NaN).
        double naive = double.NaN;
        if (NaiveSimulation.Supports(scenario))
        {
            NaiveSimulation.Run(scenario, baselinePaths);
            naive = clock.Elapsed.TotalSeconds;
        }

        return new ThroughputReport(scenario.Name, paths, years, threads, SimdWidths.Resolve(width), engine, sequential,
            timer.Kernel.TotalSeconds, timer.Reduce.TotalSeconds, draws, limit, normals, baselinePaths, naive, peak,
            result.Summary.SuccessProbability, MedianTerminal(result));
    }

    private static double MedianTerminal(SimulationResult r)
    {
        int median = r.Levels.ToList().IndexOf(50.0);
        return median < 0 ? double.NaN : r.Percentiles[(int)Metric.Balance, r.Years.Length - 1, median];
    }

    /// <summary>
    /// The engine at each vector width in this process, same paths and threads: time of the whole run and of the
    /// path kernel with its draws, and whether every percentile is bit-identical to the AVX-512 run.
    /// </summary>
    public static void CompareWidths(Scenario scenario, int paths, int threads, TextWriter w)
    {
        var c = CultureInfo.InvariantCulture;
        double[]? reference = null;
        double? kernel512 = null;
        foreach (var width in new[] { SimdWidth.Vector512, SimdWidth.Vector256, SimdWidth.Scalar })
        {
            var options = new SimulationOptions { Paths = paths, Threads = threads, Width = width };
            for (int i = 0; i < 3; i++)
            {
                SimulationEngine.Run(scenario, options with { Paths = Math.Min(paths, 50_000) });
                Thread.Sleep(200);
            }

            var clock = Stopwatch.StartNew();
            var r = SimulationEngine.Run(scenario, options);
            double total = clock.Elapsed.TotalSeconds;
            // The kernel's own time from a run with the phases in sequence (see Measure).
            var timer = new PhaseTimer();
            SimulationEngine.Run(scenario, options with { Sequential = true }, null, timer, timer);
            double[] numbers = r.Percentiles.Cast<double>().ToArray();
            reference ??= numbers;
            kernel512 ??= timer.Kernel.TotalSeconds;
            bool same = numbers.AsSpan().SequenceEqual(reference);
            w.WriteLine($"  {width,-10} engine {total.ToString("0.000", c)} s, kernel + draws {timer.Kernel.TotalSeconds.ToString("0.000", c)} s " +
                        $"({(timer.Kernel.TotalSeconds / kernel512.Value).ToString("0.00", c)}x AVX-512; phases in sequence), identical numbers: {(same ? "yes" : "NO")}");
        }
    }

    /// <summary>
    /// The hardware limit of this design: the time to produce exactly the correlated-model inputs a run consumes
    /// (the standard normals the scenario's generator draws per path-year, <paramref name="dims"/>), in the engine's
    /// block layout and thread count, and nothing else.
    /// </summary>
    public static double NormalLimit(ulong seed, int paths, int years, int threads, SimdWidth width, int dims)
    {
        const int block = SimulationOptions.DefaultBlockSize;
        int blocks = (paths + block - 1) / block;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };
        var clock = Stopwatch.StartNew();
        for (int t = 0; t < years; t++)
        {
            int year = t;
            Parallel.For(0, blocks, parallel, () => new double[block * dims], (b, _, buffer) =>
            {
                int count = Math.Min(block, paths - b * block);
                NormalGenerator.Fill(seed, (long)b * block, year, RandomStreams.AssetNormals, dims,
                    buffer.AsSpan(0, count * dims), width);
                return buffer;
            }, _ => { });
        }

        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>The normals per path-year the engine's generator draws for <paramref name="scenario"/> (at least 1;
    /// 5 for the history models, which draw none, so the limit stays comparable).</summary>
    private static int NormalsPerPathYear(Scenario scenario, SimdWidth width) =>
        RunGenerator(scenario, width) is CorrelatedReturnGenerator g ? Math.Max(1, g.NormalsPerPathYear) : 5;

    /// <summary>The generator as the engine builds it: only the assets the plan holds are read.</summary>
    private static IReturnGenerator RunGenerator(Scenario scenario, SimdWidth width) =>
        ReturnGenerators.Create(scenario, null, width, ReturnDemand.Of(YearPlan.Build(scenario)));

    /// <summary>The scenario's return generator alone over every year and block of the run (same blocks and threads
    /// as the engine): the draws part of "path kernel + draws".</summary>
    public static double DrawsOnly(Scenario scenario, int paths, int threads, SimdWidth width)
    {
        var s = scenario with { Simulation = scenario.Simulation with { Paths = paths } };
        var generator = RunGenerator(s, width);
        const int block = SimulationOptions.DefaultBlockSize;
        int blocks = (paths + block - 1) / block;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };
        var clock = Stopwatch.StartNew();
        for (int t = 0; t < s.Years; t++)
        {
            int year = t;
            Parallel.For(0, blocks, parallel, () => new ReturnBlock(block), (b, _, buffer) =>
            {
                generator.Fill(year, (long)b * block, Math.Min(block, paths - b * block), buffer);
                return buffer;
            }, _ => { });
        }

        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>Times the engine's phases from its own callbacks: OnYear fires when a year's kernel is done, the
    /// progress report when its percentiles are.</summary>
    private sealed class PhaseTimer : IYearObserver, IProgress<double>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan _last;

        public bool ReadsValues => false;

        public TimeSpan Kernel { get; private set; }
        public TimeSpan Reduce { get; private set; }

        public void OnYear(YearPlan year, YearMetrics metrics, int paths)
        {
            var now = _clock.Elapsed;
            Kernel += now - _last;
            _last = now;
        }

        public void Report(double value)
        {
            var now = _clock.Elapsed;
            Reduce += now - _last;
            _last = now;
        }
    }
}

public sealed record ThroughputReport(string Scenario, int Paths, int Years, int Threads, SimdWidth Width,
    double EngineSeconds, double SequentialSeconds, double KernelSeconds, double PercentileSeconds, double DrawSeconds, double LimitSeconds, int Normals, int BaselinePaths,
    double BaselineSeconds, long PeakWorkingSet, double SuccessProbability, double MedianTerminalBalance)
{
    public double PathYears => (double)Paths * Years;
    public double BaselineSecondsScaled => BaselineSeconds * Paths / BaselinePaths;

    public void Print(TextWriter w)
    {
        var c = CultureInfo.InvariantCulture;
        w.WriteLine($"scenario {Scenario}: {Paths.ToString("N0", c)} paths x {Years} years = {PathYears.ToString("N0", c)} path-years, " +
                    $"{Threads} threads, {Width}");
        w.WriteLine($"  engine / limit                 {(EngineSeconds / LimitSeconds).ToString("0.00", c)}x   (target <= 3x)");
        if (!double.IsNaN(BaselineSeconds))
        {
            w.WriteLine($"  baseline / engine per path-yr  {(BaselineSecondsScaled / EngineSeconds).ToString("0.0", c)}x   (target >= 25x)");
        }

        w.WriteLine($"  engine                         {EngineSeconds.ToString("0.000", c)} s   {(PathYears / EngineSeconds / 1e6).ToString("0.0", c)} M path-years/s");
        w.WriteLine($"  the same, phases in sequence   {SequentialSeconds.ToString("0.000", c)} s   (each year's percentiles before the next year's paths; the split below is this run's)");
        w.WriteLine($"    path kernel + draws          {KernelSeconds.ToString("0.000", c)} s   (the draws alone, timed apart: {DrawSeconds.ToString("0.000", c)} s)");
        w.WriteLine($"    percentiles and yearly       {PercentileSeconds.ToString("0.000", c)} s");
        w.WriteLine($"  limit (normals only)           {LimitSeconds.ToString("0.000", c)} s   {(PathYears * Normals / LimitSeconds / 1e6).ToString("0.0", c)} M normals/s ({Normals} per path-year)");
        w.WriteLine(double.IsNaN(BaselineSeconds)
            ? "  plain baseline                 not run: it implements the fixedReal (4% rule) strategy only"
            : $"  plain baseline                 {BaselineSeconds.ToString("0.000", c)} s on {BaselinePaths.ToString("N0", c)} paths, " +
              $"scaled {BaselineSecondsScaled.ToString("0.0", c)} s");
        w.WriteLine($"  peak working set               {(PeakWorkingSet / 1048576.0).ToString("0", c)} MiB   (target < 1536 MiB at 1M paths)");
        w.WriteLine($"  success probability            {(SuccessProbability * 100).ToString("0.0", c)} %, median terminal balance {MedianTerminalBalance.ToString("N0", c)}");
    }
}
