using Sim.Engine;
using Sim.Engine.Scenarios;
using Sim.Engine.Simd;
using Sim.Engine.Simulation;
using Sim.Worker.Output;

namespace Sim.Worker.Runs;

/// <summary>
/// Compiles, beside the first run of the process, the code its result files need that ReadyToRun cannot
/// precompile: Parquet.Net's generic writers instantiated over the column types of the result files (an
/// instantiation across assemblies has no precompiled code in either image). Without it the first
/// percentiles.parquet waited about 0.1 s for the compiler after the engine had finished (SIM_TRACE_PHASES=1 shows
/// the compilation per phase).
/// </summary>
/// <remarks>
/// It writes a one-year, all-zero result of the same scenario to <see cref="Stream.Null"/> through the same writer
/// methods with the same generic arguments, on a background thread, while the engine runs: no engine run, so it
/// starts at once and neither waits for nor competes with the engine compiling its vector kernels. Nothing it writes
/// is kept; any failure in it is ignored, because it only moves work the run would do anyway onto a thread that runs
/// while the engine does. Once per process: a server's later runs find the code compiled.
/// </remarks>
public static class JitWarmup
{
    private static int _started;

    /// <summary>Starts the warm-up for <paramref name="scenario"/>'s result files on a background thread, the first
    /// time only, and returns at once.</summary>
    public static void StartOnce(Scenario scenario)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            return;
        }

        var thread = new Thread(() => Run(scenario)) { IsBackground = true, Name = "JIT warm-up" };
        thread.Start();
    }

    private static void Run(Scenario scenario)
    {
        try
        {
            WriteFiles(scenario);
        }
#pragma warning disable CA1031 // an optimization only: whatever goes wrong here, the run does the same work itself
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>The warm-up's work: the placeholder result's three files, written to <see cref="Stream.Null"/>.</summary>
    internal static void WriteFiles(Scenario scenario)
    {
        var result = Placeholder(scenario);
        var metadata = ResultParquet.Metadata(result, "warm-up", "{}");
        ResultParquet.WritePercentilesAsync(Stream.Null, result, "warm-up", metadata, CancellationToken.None).GetAwaiter().GetResult();
        ResultParquet.WriteYearlyAsync(Stream.Null, result, "warm-up", metadata, CancellationToken.None).GetAwaiter().GetResult();
        ResultParquet.WriteSummaryAsync(Stream.Null, result, "warm-up", 0, metadata, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>A result of the right shape for the writers: one year, every number zero.</summary>
    internal static SimulationResult Placeholder(Scenario scenario)
    {
        double[] levels = [.. scenario.Simulation.Percentiles];
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
            Ages = [scenario.Simulation.StartYear - scenario.Participant.BirthYear],
            Percentiles = new double[Metrics.Count, 1, levels.Length],
            Yearly = new YearlyFigures([0.0], [0.0], [0.0], [0.0], [0.0]),
            Summary = new RunSummary
            {
                SuccessProbability = 1,
                TerminalNominal = new double[levels.Length],
                TerminalReal = new double[levels.Length],
                PeakAge = scenario.Simulation.StartYear - scenario.Participant.BirthYear,
                MedianFailureAge = double.NaN,
                MeanTotalTaxes = 0,
                MedianTotalTaxes = 0,
                LoanRequestsCut = 0,
            },
        };
    }
}
