using Sim.Worker.Output;

namespace Sim.Worker.Jobs;

/// <summary>The job-side name of <see cref="AtomicFile"/>'s text writes (one implementation, one marker).</summary>
public static class AtomicText
{
    /// <summary>The marker every temporary name contains: <see cref="AtomicFile.TemporaryMarker"/>.</summary>
    public const string TempMarker = AtomicFile.TemporaryMarker;

    /// <summary>See <see cref="AtomicFile.TemporarySibling"/>.</summary>
    public static string TempSibling(string path) => AtomicFile.TemporarySibling(path);

    /// <summary>See <see cref="AtomicFile.WriteAllText"/>.</summary>
    public static void WriteAllText(string path, string text) => AtomicFile.WriteAllText(path, text);

    /// <summary>See <see cref="AtomicFile.CreateText"/>.</summary>
    public static bool CreateText(string path, string text) => AtomicFile.CreateText(path, text);
}
