using System.Diagnostics;
using System.Globalization;
using Sim.Worker.Analysis;
using Sim.Worker.Files;
using Sim.Worker.Runs;

namespace Sim.Worker.Output;

/// <summary>An output folder that cannot be used (it is a file, or cannot be created or written): one line for the user.</summary>
public sealed class OutputFolderException(string message) : RunInputException(message);

/// <summary>
/// The CLI's output folder (<c>run --out DIR</c>): each scenario's files are written into a staging folder
/// <c>DIR/.staging/NAME.PID.GUID/</c> and the finished folder is swapped in for <c>DIR/NAME/</c> in two renames
/// (the old folder is renamed aside to <c>DIR/.staging/NAME.PID.GUID.old</c>, the new one into place, the old
/// one deleted). A reader therefore sees the old complete folder or the new complete folder, never a mix; a
/// process killed in between leaves only things under <c>.staging</c>, which the next <see cref="Prepare"/> on the
/// folder cleans up (putting an old folder back when its replacement never arrived). The answer files a CLI
/// <c>solve</c> or <c>sensitivity</c> wrote into <c>DIR/NAME/</c> are carried over into the new folder.
/// </summary>
public static class OutputFolder
{
    /// <summary>The folder of staging and set-aside folders inside an output folder.</summary>
    public const string StagingFolderName = ".staging";

    private const string OldSuffix = ".old";

    /// <summary>
    /// Checks that <paramref name="outRoot"/> is (or can be made) a writable folder, creates it, and cleans what
    /// killed runs left behind. Throws <see cref="OutputFolderException"/> with a one-line reason otherwise.
    /// </summary>
    public static string Prepare(string outRoot)
    {
        string full;
        try
        {
            full = Path.GetFullPath(outRoot);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new OutputFolderException($"--out '{outRoot}' is not a usable folder path: {e.Message}");
        }

        if (File.Exists(full))
        {
            throw new OutputFolderException($"--out {full} is a file; name a folder (it is created if missing)");
        }

        try
        {
            Directory.CreateDirectory(full);
            var staging = Directory.CreateDirectory(Path.Combine(full, StagingFolderName)).FullName;
            var probe = Path.Combine(staging, $"probe.{Environment.ProcessId}.{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            RecoverStale(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputFolderException($"cannot write to --out {full}: {e.Message}");
        }

        return full;
    }

    /// <summary>
    /// Runs <paramref name="write"/> into a fresh staging folder and swaps the result in as
    /// <paramref name="outRoot"/>/<paramref name="name"/>. On any failure the staging folder is deleted and the
    /// previous folder of that name stays as it was.
    /// </summary>
    public static async Task<RunOutcome> WriteAsync(string outRoot, string name, Func<string, Task<RunOutcome>> write)
    {
        var root = Prepare(outRoot);
        var final = Path.Combine(root, name);
        var staging = Path.Combine(root, StagingFolderName, $"{name}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        RunOutcome outcome;
        try
        {
            outcome = await write(staging);
            CrashPoint.Reach("cli-written");
            KeepAnswers(final, staging);
            Swap(staging, final);
        }
        catch
        {
            DeleteTree(staging);
            throw;
        }

        return outcome with
        {
            Directory = final,
            Files = [.. outcome.Files.Select(f => Path.Combine(final, Path.GetFileName(f)))],
        };
    }

    /// <summary>
    /// Copies the answer files of <c>solve</c> and <c>sensitivity</c> (<see cref="AnalysisFiles.ScenarioFolderFiles"/>)
    /// from the folder being replaced into the new one before the swap, so a <c>run</c> replaces the run's own files
    /// and leaves the answers written there. Copies, not moves: until the swap the old folder stays complete.
    /// </summary>
    private static void KeepAnswers(string final, string staging)
    {
        if (!Directory.Exists(final))
        {
            return;
        }

        foreach (var name in AnalysisFiles.ScenarioFolderFiles)
        {
            var from = Path.Combine(final, name);
            var to = Path.Combine(staging, name);
            if (File.Exists(from) && !File.Exists(to))
            {
                File.Copy(from, to);
            }
        }
    }

    private static void Swap(string staging, string final)
    {
        var aside = staging + OldSuffix;
        if (Directory.Exists(final))
        {
            Directory.Move(final, aside);
            CrashPoint.Reach("cli-set-aside");
        }

        Directory.Move(staging, final);
        CrashPoint.Reach("cli-swapped");
        DeleteTree(aside);
    }

    /// <summary>
    /// Cleans the staging folder of <paramref name="root"/>: a staging folder whose process is gone is deleted; a
    /// set-aside old folder whose process is gone is put back when its name is free (the swap never finished),
    /// otherwise deleted. Folders of live processes are left alone (two runs may share an output folder).
    /// </summary>
    public static void RecoverStale(string root)
    {
        var stagingRoot = Path.Combine(root, StagingFolderName);
        if (!Directory.Exists(stagingRoot))
        {
            return;
        }

        // Staging folders first (deleted), then set-aside old folders (put back where the swap left no folder).
        foreach (var entry in Directory.EnumerateDirectories(stagingRoot).OrderBy(e => e.EndsWith(OldSuffix, StringComparison.Ordinal) ? 1 : 0))
        {
            var parts = Path.GetFileName(entry).Split('.');
            if (parts.Length < 3 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || IsAlive(pid))
            {
                continue;
            }

            var final = Path.Combine(root, parts[0]);
            if (entry.EndsWith(OldSuffix, StringComparison.Ordinal) && !Directory.Exists(final))
            {
                Directory.Move(entry, final);
            }
            else
            {
                DeleteTree(entry);
            }
        }
    }

    private static void DeleteTree(string path) => AtomicFile.DeleteDirectory(path);

    private static bool IsAlive(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
