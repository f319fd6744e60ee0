using System.Diagnostics;
using System.Globalization;
using Sim.Engine.Random;
using Sim.Engine.Scenarios;
using Sim.Engine.Simd;
using Sim.Engine.Simulation;
using Sim.Worker.Scenarios;

namespace Sim.Bench;

/// <summary>
/// <c>throughput --scenario FILE --paths N [--baseline-paths M] [--threads T] [--width auto|scalar|256|512]</c>:
/// one process, one run, every figure measured side by side so the ratios hold on a noisy shared machine:
/// <list type="bullet">
/// <item>the engine: path-years per second, and the split between the path kernel and percentile extraction;</item>
/// <item>the limit: generating exactly the normal draws that run needs and nothing else, same threads;</item>
/// <item>the plain baseline: <see cref="NaiveSimulation"/> on fewer paths, scaled per path-year;</item>
/// <item>peak working set of the process right after the engine run.</item>
/// </list>
/// </summary>
public static class ThroughputCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        string? file = null;
        int paths = 1_000_000, baselinePaths = 10_000, threads = Environment.ProcessorCount;
        var width = SimdWidth.Auto;
        bool widths = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--scenario": file = args[++i]; break;
                case "--paths": paths = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--baseline-paths": baselinePaths = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--threads": threads = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--widths": widths = true; break;
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
            Console.Error.WriteLine("usage: throughput --scenario FILE [--paths N] [--baseline-paths M] [--threads T] [--width W]");
            return Task.FromResult(2);
        }

        var loaded = ScenarioFile.Load(file);
        if (!loaded.Result.IsValid)
        {
            foreach (var e in loaded.Result.Errors)
            {
                Console.Error.WriteLine(e);
            }

            return Task.FromResult(1);
        }

        var report = Measure(loaded.Result.Scenario!, paths, baselinePaths, threads, width);
        report.Print(Console.Out);
        if (widths)
        {
            CompareWidths(loaded.Result.Scenario!, paths, threads, Console.Out);
        }

        return Task.FromResult(0);
    }

    public static ThroughputReport Measure(Scenario scenario, int paths, int baselinePaths, int threads, SimdWidth width)
    {
        int years = scenario.Years;
        var options = new SimulationOptions { Paths = paths, Threads = threads, Width = width };

        // Warm up every code path until the tiered JIT has promoted the hot methods (it compiles them in the
        // background), so the engine and the limit are both measured as optimized steady-state code.
        for (int i = 0; i < 3; i++)
        {
            SimulationEngine.Run(scenario, options with { Paths = Math.Min(paths, 50_000) });
            NormalLimit(scenario.Simulation.Seed, Math.Min(paths, 50_000), years, threads, width);
            Thread.Sleep(200);
        }

        GC.Collect();
        var timer = new PhaseTimer();
        var clock = Stopwatch.StartNew();
        var result = SimulationEngine.Run(scenario, options, null, timer, timer);
        double engine = clock.Elapsed.TotalSeconds;
        long peak = Process.GetCurrentProcess().PeakWorkingSet64;

        double limit = NormalLimit(scenario.Simulation.Seed, paths, years, threads, width);

        clock.Restart();
        NaiveSimulation.Run(scenario, baselinePaths);
        double naive = clock.Elapsed.TotalSeconds;

        return new ThroughputReport(scenario.Name, paths, years, threads, SimdWidths.Resolve(width), engine,
            timer.Kernel.TotalSeconds, timer.Reduce.TotalSeconds, limit, baselinePaths, naive, peak,
            result.Summary.SuccessProbability);
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

            var timer = new PhaseTimer();
            var clock = Stopwatch.StartNew();
            var r = SimulationEngine.Run(scenario, options, null, timer, timer);
            double total = clock.Elapsed.TotalSeconds;
            double[] numbers = r.Percentiles.Cast<double>().ToArray();
            reference ??= numbers;
            kernel512 ??= timer.Kernel.TotalSeconds;
            bool same = numbers.AsSpan().SequenceEqual(reference);
            w.WriteLine($"  {width,-10} engine {total.ToString("0.000", c)} s, kernel + draws {timer.Kernel.TotalSeconds.ToString("0.000", c)} s " +
                        $"({(timer.Kernel.TotalSeconds / kernel512.Value).ToString("0.00", c)}x AVX-512), identical numbers: {(same ? "yes" : "NO")}");
        }
    }

    /// <summary>
    /// The hardware limit of this design: the time to produce exactly the correlated-model inputs a run consumes
    /// (5 standard normals per path-year: four assets and inflation), in the engine's block layout and thread count,
    /// and nothing else.
    /// </summary>
    public static double NormalLimit(ulong seed, int paths, int years, int threads, SimdWidth width)
    {
        const int block = SimulationOptions.DefaultBlockSize, dims = 5;
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
    double EngineSeconds, double KernelSeconds, double PercentileSeconds, double LimitSeconds, int BaselinePaths,
    double BaselineSeconds, long PeakWorkingSet, double SuccessProbability)
{
    public double PathYears => (double)Paths * Years;
    public double BaselineSecondsScaled => BaselineSeconds * Paths / BaselinePaths;

    public void Print(TextWriter w)
    {
        var c = CultureInfo.InvariantCulture;
        w.WriteLine($"scenario {Scenario}: {Paths.ToString("N0", c)} paths x {Years} years = {PathYears.ToString("N0", c)} path-years, " +
                    $"{Threads} threads, {Width}");
        w.WriteLine($"  engine / limit                 {(EngineSeconds / LimitSeconds).ToString("0.00", c)}x   (target <= 3x)");
        w.WriteLine($"  baseline / engine per path-yr  {(BaselineSecondsScaled / EngineSeconds).ToString("0.0", c)}x   (target >= 25x)");
        w.WriteLine($"  engine                         {EngineSeconds.ToString("0.000", c)} s   {(PathYears / EngineSeconds / 1e6).ToString("0.0", c)} M path-years/s");
        w.WriteLine($"    path kernel + draws          {KernelSeconds.ToString("0.000", c)} s");
        w.WriteLine($"    percentiles and yearly       {PercentileSeconds.ToString("0.000", c)} s");
        w.WriteLine($"  limit (normals only)           {LimitSeconds.ToString("0.000", c)} s   {(PathYears * 5 / LimitSeconds / 1e6).ToString("0.0", c)} M normals/s");
        w.WriteLine($"  plain baseline                 {BaselineSeconds.ToString("0.000", c)} s on {BaselinePaths.ToString("N0", c)} paths, " +
                    $"scaled {BaselineSecondsScaled.ToString("0.0", c)} s");
        w.WriteLine($"  peak working set               {(PeakWorkingSet / 1048576.0).ToString("0", c)} MiB   (target < 1536 MiB at 1M paths)");
        w.WriteLine($"  success probability            {(SuccessProbability * 100).ToString("0.0", c)} %");
    }
}
