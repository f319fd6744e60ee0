using System.Text;

namespace Sim.Worker.Output;

/// <summary>
/// The project's one way of writing a file or publishing a folder so that no reader ever sees half of it: the content
/// goes to a temporary sibling (<c>NAME.tmp-GUID</c>, same folder, so the rename is atomic on POSIX file systems and
/// NTFS), is flushed to disk, and is then renamed over the final name. On any failure the temporary is deleted and
/// an existing file of the final name is left untouched. <see cref="TemporaryMarker"/> is the one marker every
/// temporary name contains; a finished tree holds none, and cleanup passes look for it.
/// Every atomic write of the worker (run store, analyses, stress suite, result files) goes through this one class.
/// </summary>
public static class AtomicFile
{
    /// <summary>The marker every temporary name of this project contains.</summary>
    public const string TemporaryMarker = ".tmp-";

    /// <summary>A fresh temporary sibling of <paramref name="path"/> (a file or a folder).</summary>
    public static string TemporarySibling(string path) => path + TemporaryMarker + Guid.NewGuid().ToString("N");

    /// <summary>Writes a file through <paramref name="write"/>, replacing any previous file atomically.</summary>
    public static async Task WriteAsync(string path, Func<Stream, Task> write, CancellationToken cancellationToken = default)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temporary = TemporarySibling(full);
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None,
                             1 << 16, FileOptions.Asynchronous))
            {
                await write(stream);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Writes <paramref name="text"/> (UTF-8) to <paramref name="path"/>, replacing any previous file atomically.</summary>
    public static void WriteAllText(string path, string text) =>
        File.Move(WriteTemporary(path, Encoding.UTF8.GetBytes(text)), Path.GetFullPath(path), overwrite: true);

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

        var temporary = WriteTemporary(path, Encoding.UTF8.GetBytes(text));
        try
        {
            File.Move(temporary, Path.GetFullPath(path), overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            TryDelete(temporary);
            return false;
        }
    }

    /// <summary>
    /// Moves the finished folder <paramref name="staging"/> to <paramref name="final"/>, replacing an existing folder
    /// of that name (the old one is renamed aside first and deleted after). Both must be on one file system.
    /// </summary>
    public static void ReplaceDirectory(string staging, string final)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        for (var attempt = 0; ; attempt++)
        {
            string? aside = null;
            if (Directory.Exists(final))
            {
                aside = TemporarySibling(final);
                try
                {
                    Directory.Move(final, aside);
                }
                catch (DirectoryNotFoundException)
                {
                    aside = null; // someone else moved it: try again
                }
            }

            try
            {
                Directory.Move(staging, final);
                if (aside is not null)
                {
                    DeleteDirectory(aside);
                }

                return;
            }
            catch (IOException) when (attempt < 5 && Directory.Exists(final))
            {
                // A concurrent writer published in between: replace theirs (same inputs, same files).
            }
        }
    }

    /// <summary>Deletes a folder tree, tolerating its absence.</summary>
    public static void DeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // already gone
        }
    }

    private static string WriteTemporary(string path, byte[] bytes)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = TemporarySibling(full);
        try
        {
            using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }

        return temporary;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary name carries the marker, so cleanup passes find it.
        }
    }
}
