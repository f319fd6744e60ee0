namespace Sim.Worker.Output;

/// <summary>
/// Writes a file so that no reader ever sees half of it: the content goes to a temporary name in the same folder
/// (same file system, so the rename is atomic), is flushed to disk, and is then renamed over the final name.
/// On any failure the temporary file is deleted and an existing file of the final name is left untouched.
/// </summary>
public static class AtomicFile
{
    public const string TemporaryMarker = ".tmp-";

    public static async Task WriteAsync(string path, Func<Stream, Task> write, CancellationToken cancellationToken = default)
    {
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, $".{Path.GetFileName(full)}{TemporaryMarker}{Guid.NewGuid():N}");
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

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary file is named so that no reader mistakes it for output.
        }
    }
}
