using Sim.Worker.Output;

namespace Sim.Worker.Jobs;

/// <summary>The job-side name of <see cref="AtomicFile.ReplaceDirectory"/> (one implementation).</summary>
public static class AtomicDirectory
{
    /// <summary>See <see cref="AtomicFile.ReplaceDirectory"/>.</summary>
    public static void Replace(string staging, string final) => AtomicFile.ReplaceDirectory(staging, final);
}
