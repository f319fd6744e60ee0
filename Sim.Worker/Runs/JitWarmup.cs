using Sim.Engine;
using Sim.Engine.Scenarios;
using Sim.Engine.Simd;
using Sim.Engine.Simulation;
using Sim.Worker.Output;

namespace Sim.Worker.Runs;

/// <summary>
/// Compiles, on the core that is idle while the command line and the scenario files are read, the code a run needs
/// that ReadyToRun cannot precompile, so that the run does not stop to compile it:
/// <list type="bullet">
/// <item>the engine's vector kernels (the images target the baseline instruction set; methods that use wider vectors
/// are compiled on the machine at first call): about 0.1 s at the start of the first year;</item>
/// <item>Parquet.Net's writers instantiated over the result files' column types (an instantiation across assemblies
/// has no precompiled code in either image): about 0.1 s before the first file.</item>
/// </list>
/// SIM_TRACE_PHASES=1 shows the compilation per phase.
/// </summary>
/// <remarks>
/// One background thread runs a built-in scenario (<see cref="Scenario"/>: the minimal file of the README,
/// fixedReal, flat tax, the lognormal model, which is what most runs use) on 64 paths with one thread; another writes
/// a placeholder result's files to <see cref="Stream.Null"/>, so that the writers are ready when the engine
/// finishes. Both call the same methods with the same generic arguments as a real run of that shape. The writers'
/// thread starts when the command has read and validated its files (<see cref="StartWriters"/>; or when the engine
/// warm-up is done, if that comes first): started at once beside the engine warm-up, it took CPU from the command
/// reading its files, the critical path before the engine (1,000,000 paths of the example scenario: 1.075 s with
/// both at once, 1.05 s with the writers after the engine warm-up, medians of 8 alternating runs), and started only
/// after the engine warm-up, the writers were late for a short run (the 10,000-path quick start: 0.29-0.31 s, and
/// 0.26-0.28 s when they start after validation; 6 alternating runs).
/// A run whose scenario differs still finds the shared code compiled (draws, growth, percentiles, writers). Nothing
/// it computes is kept; any failure in it is ignored, because it only moves work the run would do anyway onto a core
/// that would otherwise wait (a thread that needs a method the warm-up is compiling waits for it rather than
/// compiling it again). Once per process.
/// </remarks>
public static class JitWarmup
{
    private static int _started, _writers;

    /// <summary>Starts the warm-up on a background thread, the first time only, and returns at once.</summary>
    public static void StartOnce()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            return;
        }

        int year = DateTime.Now.Year;
        Start(() =>
        {
            RunEngine(year);
            StartWriters();
        });
    }

    /// <summary>Starts compiling the result writers on a background thread of their own, the first time only (the
    /// engine warm-up does it when it is done, if the command has not already).</summary>
    public static void StartWriters()
    {
        if (Interlocked.Exchange(ref _writers, 1) != 0)
        {
            return;
        }

        int year = DateTime.Now.Year;
        Start(() => WriteFiles(year));
    }

    private static void Start(Action work)
    {
        var thread = new Thread(() =>
        {
            try
            {
                work();
            }
#pragma warning disable CA1031 // an optimization only: whatever goes wrong here, the run does the same work itself
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        })
        {
            IsBackground = true,
            Name = "JIT warm-up",
        };
        thread.Start();
    }

    /// <summary>The kernels: the built-in scenario on 64 paths, one thread.</summary>
    internal static SimulationResult RunEngine(int startYear) =>
        SimulationEngine.Run(Scenario(startYear), new SimulationOptions { Threads = 1 });

    /// <summary>The writers: a one-year, all-zero result of the built-in scenario's shape, its three Parquet files
    /// written to <see cref="Stream.Null"/> (no engine run first, so this starts at once too).</summary>
    internal static void WriteFiles(int startYear)
    {
        var result = Placeholder(Scenario(startYear));
        var metadata = ResultParquet.Metadata(result, "warm-up", "{}");
        ResultParquet.WritePercentilesAsync(Stream.Null, result, "warm-up", metadata, CancellationToken.None).GetAwaiter().GetResult();
        ResultParquet.WriteYearlyAsync(Stream.Null, result, "warm-up", metadata, CancellationToken.None).GetAwaiter().GetResult();
        ResultParquet.WriteSummaryAsync(Stream.Null, result, "warm-up", 0, metadata, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>A result of the writers' shape: one year, every number zero.</summary>
    internal static SimulationResult Placeholder(Scenario scenario)
    {
        double[] levels = [.. scenario.Simulation.Percentiles];
        int age = scenario.Simulation.StartYear - scenario.Participant.BirthYear;
        return new SimulationResult
        {
            Scenario = scenario,
            Paths = 1,
            Seed = scenario.Simulation.Seed,
            EngineVersion = EngineInfo.Version,
            Notes = [],
            Width = SimdWidth.Scalar,
            Levels = levels,
            Years = [scenario.Simulation.StartYear],
            Ages = [age],
            Percentiles = new double[Metrics.Count, 1, levels.Length],
            Yearly = new YearlyFigures([0.0], [0.0], [0.0], [0.0], [0.0]),
            Summary = new RunSummary
            {
                SuccessProbability = 1,
                TerminalNominal = new double[levels.Length],
                TerminalReal = new double[levels.Length],
                PeakAge = age,
                MedianFailureAge = double.NaN,
                MeanTotalTaxes = 0,
                MedianTotalTaxes = 0,
                LoanRequestsCut = 0,
            },
        };
    }

    /// <summary>The README's minimal scenario, built in code (no parsing: the thread starts compiling kernels at
    /// once instead of competing with the command for the parser's code).</summary>
    internal static Scenario Scenario(int startYear) => new()
    {
        Name = "warm-up",
        Simulation = new SimulationSettings { Paths = 64, Seed = 1, StartYear = startYear },
        Participant = new Participant { BirthYear = startYear - 35, RetirementAge = 65, Salary = 85_000 },
        Account = new Account { PretaxBalance = 60_000 },
    };
}
