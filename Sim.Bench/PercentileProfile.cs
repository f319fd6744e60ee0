using System.Diagnostics;
using System.Globalization;
using Sim.Engine.Simd;
using Sim.Engine.Simulation;
using Sim.Engine.Statistics;
using Sim.Worker.Scenarios;

namespace Sim.Bench;

/// <summary>
/// <c>percentile-profile --scenario FILE [--paths N]</c>: where the percentile time goes. Runs the engine once and,
/// for every year, times the one-pass select and the histogram select single-threaded (CPU time) on each metric the
/// engine reduces (not constant, not a copy of another), and reports per metric: how many years it varied, ns per
/// value of each, and how often the one-pass select fell back.
/// </summary>
public static class PercentileProfile
{
    public static int Run(string[] args)
    {
        string? file = null;
        int paths = 200_000;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--scenario": file = args[++i]; break;
                case "--paths": paths = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }

        var loaded = ScenarioFile.Load(file ?? throw new ArgumentException("--scenario FILE"));
        var scenario = loaded.Result.Scenario ?? throw new ArgumentException(string.Join("; ", loaded.Result.Errors));
        double[] levels = [.. scenario.Simulation.Percentiles];
        var observer = new Observer(levels);
        // Warm-up on enough paths that the one-pass select runs (it starts at 65,536 values) and its methods are
        // promoted by the tiered JIT before the measured run.
        SimulationEngine.Run(scenario, new SimulationOptions { Paths = Math.Min(paths, 100_000), Threads = 2 }, null, new Observer(levels));
        Thread.Sleep(300);
        SimulationEngine.Run(scenario, new SimulationOptions { Paths = paths, Threads = 2 }, null, observer);
        var c = CultureInfo.InvariantCulture;
        double total = observer.Seconds.Sum();
        Console.WriteLine($"{scenario.Name}, {paths.ToString("N0", c)} paths, {observer.Years.Sum()} metric-years, CPU seconds single-threaded: " +
                          $"one-pass select {total.ToString("0.000", c)} s, histogram select {observer.Histogram.Sum().ToString("0.000", c)} s");
        for (int k = 0; k < Metrics.Count; k++)
        {
            if (observer.Years[k] > 0)
            {
                Console.WriteLine($"  {Metrics.All[k],-24} {observer.Years[k],3} years: one-pass select {(observer.Seconds[k] / observer.Years[k] / paths * 1e9).ToString("0.00", c)} ns/value " +
                                  $"({observer.Fallbacks[k]} fell back), histogram select {(observer.Histogram[k] / observer.Years[k] / paths * 1e9).ToString("0.00", c)} ns/value");
            }
        }

        return 0;
    }

    private sealed class Observer(double[] levels) : IYearObserver
    {
        public readonly double[] Seconds = new double[Metrics.Count];
        public readonly int[] Years = new int[Metrics.Count];
        public readonly double[] Histogram = new double[Metrics.Count];
        public readonly int[] Fallbacks = new int[Metrics.Count];

        // CPU time of this thread (the observer runs on one thread): immune to other processes on a loaded machine
        // and to the engine's pool threads spinning while they wait. Linux only; elsewhere process CPU time.
        private static TimeSpan Cpu() =>
            OperatingSystem.IsLinux() && clock_gettime(ClockThreadCpuTime, out var ts) == 0
                ? TimeSpan.FromTicks(ts.Seconds * TimeSpan.TicksPerSecond + ts.Nanoseconds / 100)
                : Process.GetCurrentProcess().TotalProcessorTime;

        private const int ClockThreadCpuTime = 3; // CLOCK_THREAD_CPUTIME_ID

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
        private static extern int clock_gettime(int clock, out TimeSpec time);

        [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
        private struct TimeSpec
        {
            public long Seconds;
            public long Nanoseconds;
        }

        public void OnYear(YearPlan year, YearMetrics metrics, int paths)
        {
            Span<long> ranks = stackalloc long[2 * levels.Length];
            Span<double> found = stackalloc double[ranks.Length];
            for (int k = 0; k < Metrics.Count; k++)
            {
                if (metrics.Constant(k) is not null || metrics.SameAs(k) >= 0)
                {
                    continue;
                }

                var values = metrics[k].AsSpan(0, paths);
                for (int j = 0; j < levels.Length; j++)
                {
                    (long lo, _) = Percentiles.Position(paths, levels[j]);
                    ranks[2 * j] = lo;
                    ranks[2 * j + 1] = Math.Min(lo + 1, paths - 1);
                }

                var cpu = Cpu();
                if (!Percentiles.SampleSelect(values, ranks, found, SimdWidth.Auto))
                {
                    Fallbacks[k]++;
                }

                Seconds[k] += (Cpu() - cpu).TotalSeconds;
                cpu = Cpu();
                Percentiles.HistogramSelect(values, ranks, found);
                Histogram[k] += (Cpu() - cpu).TotalSeconds;
                Years[k]++;
            }
        }
    }
}
