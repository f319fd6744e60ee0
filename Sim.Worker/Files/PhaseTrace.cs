using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace Sim.Worker.Files;

/// <summary>
/// Where a command's time goes, for whoever tunes it: with the environment variable <see cref="Variable"/> set to 1,
/// each marked phase prints one line to stderr: seconds since the process started (the runtime's own start-up
/// included), seconds since the previous mark, the methods the JIT compiled and its time, and the garbage collector's
/// pauses in between. Unset, as
/// in every normal run, a mark costs one boolean test and nothing is printed.
/// <code>SIM_TRACE_PHASES=1 dotnet Sim.Worker/bin/Release/net10.0/Sim.Worker.dll run scenarios/baseline.json</code>
/// </summary>
public static class PhaseTrace
{
    /// <summary>The environment variable that turns the trace on (value 1).</summary>
    public const string Variable = "SIM_TRACE_PHASES";

    private static readonly bool Enabled = Environment.GetEnvironmentVariable(Variable) == "1";
    private static readonly Lock Gate = new();
    private static double _last = double.NaN;
    private static long _lastMethods;
    private static TimeSpan _lastJit;
    private static TimeSpan _lastGc;

    /// <summary>The mark just before the engine starts (the throughput command reads the trace by these names).</summary>
    public const string BeforeEngine = "history and run id";

    /// <summary>The mark when the engine has finished.</summary>
    public const string AfterEngine = "engine";

    /// <summary>The last mark, at the end of Main.</summary>
    public const string Exit = "exit";

    /// <summary>True when marks are printed.</summary>
    public static bool IsEnabled => Enabled;

    /// <summary>Marks the end of phase <paramref name="name"/>.</summary>
    public static void Mark(string name)
    {
        if (!Enabled)
        {
            return;
        }

        lock (Gate)
        {
            using var self = Process.GetCurrentProcess();
            double now = (DateTime.Now - self.StartTime).TotalSeconds;
            long methods = JitInfo.GetCompiledMethodCount();
            var jit = JitInfo.GetCompilationTime();
            var gc = GC.GetTotalPauseDuration();
            double since = double.IsNaN(_last) ? now : now - _last;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[phase] {now,7:0.000} s  +{since,6:0.000} s  jit +{methods - _lastMethods,5} methods {(jit - _lastJit).TotalSeconds,6:0.000} s  gc pauses {(gc - _lastGc).TotalSeconds,6:0.000} s  {name}"));
            _last = now;
            _lastMethods = methods;
            _lastJit = jit;
            _lastGc = gc;
        }
    }
}
