namespace Sim.Worker.Files;

/// <summary>
/// Named steps of the writes a kill must never corrupt (the CLI's staging and swap, a job's publish and state
/// update). When the environment variable <see cref="Variable"/> names a step, the process kills itself there
/// (SIGKILL: no finally block, no flush), which is how the kill tests reach every step deterministically. Unset,
/// as in every real run, a step costs one string comparison.
/// </summary>
public static class CrashPoint
{
    /// <summary>The environment variable naming the step to die at.</summary>
    public const string Variable = "SIM_TEST_KILL_AT";

    private static readonly string? Target = Environment.GetEnvironmentVariable(Variable);

    /// <summary>Marks step <paramref name="name"/>; kills the process when it is the configured one.</summary>
    public static void Reach(string name)
    {
        if (Target is not null && string.Equals(Target, name, StringComparison.Ordinal))
        {
            System.Diagnostics.Process.GetCurrentProcess().Kill();
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
