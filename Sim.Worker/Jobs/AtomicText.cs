using System.Text;

namespace Sim.Worker.Jobs;

/// <summary>
/// Writes files so that a reader never sees half of one: the bytes go to a sibling temporary name
/// (<c>NAME.tmp-GUID</c>), are flushed to disk, and the temporary file is renamed over the final name.
/// A rename inside one directory is atomic on POSIX file systems and on NTFS.
/// </summary>
public static class AtomicText
{
    /// <summary>The marker every temporary name of this project contains; a finished tree holds none.</summary>
    public const string TempMarker = ".tmp-";

    /// <summary>A fresh temporary sibling of <paramref name="path"/>.</summary>
    public static string TempSibling(string path) => path + TempMarker + Guid.NewGuid().ToString("N");

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/>, replacing any previous file atomically.</summary>
    public static void WriteAllText(string path, string text)
    {
        var temp = WriteTemp(path, text);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>
    /// Creates <paramref name="path"/> with <paramref name="text"/> unless it already exists (then nothing changes).
    /// Returns true when this call created the file.
    /// </summary>
    public static bool CreateText(string path, string text)
    {
        if (File.Exists(path))
        {
            return false;
        }

        var temp = WriteTemp(path, text);
        try
        {
            File.Move(temp, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
            return false;
        }
    }

    private static string WriteTemp(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = TempSibling(path);
        try
        {
            using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            var bytes = Encoding.UTF8.GetBytes(text);
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        return temp;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary name is cleaned up by the next recovery pass.
        }
    }
}
