using Sim.Engine.Returns;
using Sim.Engine.Scenarios;
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
/// It runs the same scenario on a few paths with one thread (its kernels are the ones the real run compiles; a thread
/// that needs a method another is compiling waits for it instead of compiling it again), then writes that small
/// result's files to <see cref="Stream.Null"/>: the same methods with the same generic arguments. Nothing it
/// computes is kept, shown or written anywhere; any failure in it is ignored, because it only moves work the run
/// would do anyway onto a thread that runs while the engine does. Once per process: a server's later runs find the
/// code compiled.
/// </remarks>
public static class JitWarmup
{
    private static int _started;

    /// <summary>Starts the warm-up for <paramref name="scenario"/> on a background thread, the first time only, and
    /// returns at once.</summary>
    public static void StartOnce(Scenario scenario, MarketHistory? history)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            return;
        }

        var thread = new Thread(() => Run(scenario, history)) { IsBackground = true, Name = "JIT warm-up" };
        thread.Start();
    }

    private static void Run(Scenario scenario, MarketHistory? history)
    {
        try
        {
            var result = SimulationEngine.Run(scenario, new SimulationOptions { Paths = 64, Threads = 1 }, history);
            var metadata = ResultParquet.Metadata(result, "warm-up", "{}");
            ResultParquet.WritePercentilesAsync(Stream.Null, result, "warm-up", metadata, CancellationToken.None).GetAwaiter().GetResult();
            ResultParquet.WriteYearlyAsync(Stream.Null, result, "warm-up", metadata, CancellationToken.None).GetAwaiter().GetResult();
            ResultParquet.WriteSummaryAsync(Stream.Null, result, "warm-up", 0, metadata, CancellationToken.None).GetAwaiter().GetResult();
        }
#pragma warning disable CA1031 // an optimization only: whatever goes wrong here, the real run does the same work itself
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
