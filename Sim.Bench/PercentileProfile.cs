using System.Diagnostics;
using System.Globalization;
using Sim.Engine.Simd;
using Sim.Engine.Simulation;
using Sim.Engine.Statistics;
using Sim.Worker.Scenarios;

namespace Sim.Bench;

/// <summary>
/// <c>percentile-profile --scenario FILE [--paths N] [--histogram]</c>: where the percentile time goes. Runs the
/// engine once and, for every year, times the one-pass select single-threaded (CPU time) on each metric the engine
/// reduces (not constant, not a copy of another), step by step as the engine runs it (<see cref="Percentiles.Job"/>:
/// plan, classify, finish), and reports per metric: how many years it varied, ns per value of each step, the share
/// of values the pass staged, and how often a rank missed its bracket and a second pass found it ("recovered") or
/// the select fell back to the histogram select over all values. <c>--histogram</c> also times the
/// histogram select on the same values.
/// </summary>
public static class PercentileProfile
{
    public static int Run(string[] args)
    {
        string? file = null;
        int paths = 200_000;
        bool histogram = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--scenario": file = args[++i]; break;
                case "--paths": paths = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--histogram": histogram = true; break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }

        var loaded = ScenarioFile.Load(file ?? throw new ArgumentException("--scenario FILE"));
        var scenario = loaded.Result.Scenario ?? throw new ArgumentException(string.Join("; ", loaded.Result.Errors));
        double[] levels = [.. scenario.Simulation.Percentiles];
        var observer = new Observer(levels, histogram);
        // Warm-up on enough paths that the one-pass select runs (it starts at 65,536 values) and its methods are
        // promoted by the tiered JIT before the measured run.
        SimulationEngine.Run(scenario, new SimulationOptions { Paths = Math.Min(paths, 100_000), Threads = 2 }, null, new Observer(levels, false));
        Thread.Sleep(300);
        SimulationEngine.Run(scenario, new SimulationOptions { Paths = paths, Threads = 2 }, null, observer);
        var c = CultureInfo.InvariantCulture;
        string Ns(double seconds, int years) => (seconds / years / paths * 1e9).ToString("0.00", c);
        int metricYears = observer.Years.Sum();
        Console.WriteLine($"{scenario.Name}, {paths.ToString("N0", c)} paths, {metricYears} metric-years, CPU seconds single-threaded: " +
                          $"one-pass select {(observer.Plan.Sum() + observer.Classify.Sum() + observer.Finish.Sum()).ToString("0.000", c)} s " +
                          $"(plan {observer.Plan.Sum().ToString("0.000", c)}, classify {observer.Classify.Sum().ToString("0.000", c)}, " +
                          $"finish {observer.Finish.Sum().ToString("0.000", c)}), {observer.Recovered.Sum()} recovered by a second pass, " +
                          $"{observer.Fallbacks.Sum()} fell back" +
                          (histogram ? $", histogram select {observer.Histogram.Sum().ToString("0.000", c)} s" : ""));
        for (int k = 0; k < Metrics.Count; k++)
        {
            int years = observer.Years[k];
            if (years > 0)
            {
                Console.WriteLine($"  {Metrics.All[k],-24} {years,3} years: ns/value plan {Ns(observer.Plan[k], years)}, " +
                                  $"classify {Ns(observer.Classify[k], years)}, finish {Ns(observer.Finish[k], years)}; " +
                                  $"staged {(observer.Staged[k] / years / paths).ToString("0.0%", c)}, {observer.Recovered[k]} recovered, " +
                                  $"{observer.Fallbacks[k]} fell back" +
                                  (histogram ? $"; histogram select {Ns(observer.Histogram[k], years)}" : ""));
            }
        }

        return 0;
    }

    private sealed class Observer(double[] levels, bool histogram) : IYearObserver
    {
        public readonly double[] Plan = new double[Metrics.Count];
        public readonly double[] Classify = new double[Metrics.Count];
        public readonly double[] Finish = new double[Metrics.Count];
        public readonly double[] Staged = new double[Metrics.Count];
        public readonly int[] Years = new int[Metrics.Count];
        public readonly double[] Histogram = new double[Metrics.Count];
        public readonly int[] Fallbacks = new int[Metrics.Count];
        public readonly int[] Recovered = new int[Metrics.Count];

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
            Span<double> found = stackalloc double[levels.Length];
            Span<double> order = stackalloc double[ranks.Length];
            for (int k = 0; k < Metrics.Count; k++)
            {
                if (metrics.Constant(k) is not null || metrics.SameAs(k) >= 0)
                {
                    continue;
                }

                // The engine's steps, in one part (a metric's array holds exactly the paths' values).
                double[] values = metrics[k];
                var cpu = Cpu();
                using (var job = new Percentiles.Job(values, levels, 1))
                {
                    var planned = Cpu();
                    for (int part = 0; part < job.Parts; part++)
                    {
                        job.Classify(part);
                    }

                    var classified = Cpu();
                    job.Finish(found);
                    var finished = Cpu();
                    Plan[k] += (planned - cpu).TotalSeconds;
                    Classify[k] += (classified - planned).TotalSeconds;
                    Finish[k] += (finished - classified).TotalSeconds;
                    Staged[k] += job.StagedValues;
                    Fallbacks[k] += job.FellBack ? 1 : 0;
                    Recovered[k] += job.Recovered ? 1 : 0;
                }

                if (histogram)
                {
                    Percentiles.NeededRanks(paths, levels, ranks);
                    cpu = Cpu();
                    Percentiles.HistogramSelect(values, ranks, order);
                    Histogram[k] += (Cpu() - cpu).TotalSeconds;
                }

                Years[k]++;
            }
        }
    }
}
