using System.Globalization;

namespace Sim.Worker.Files;

/// <summary>
/// The one way the worker opens an input file it did not write (a scenario, an overlay, a history CSV) and the
/// one way it decides whether a path stays inside a folder (docs/worker-notes.md, "Security"):
/// <list type="bullet">
/// <item>paths are compared after following every symbolic link (<see cref="RealPath"/>), so a link inside the
/// scenario library that points at <c>/etc/passwd</c> is outside the library;</item>
/// <item>only regular files are read: a device (<c>/dev/zero</c>, <c>/dev/urandom</c>), a FIFO or a socket has no
/// size on disk, and opening a FIFO blocks until a writer comes, so an empty size is refused before the file is
/// opened; a size above the cap is refused before reading, and reading stops at the cap in any case.</item>
/// </list>
/// </summary>
public static class SafeFile
{
    /// <summary>Most symbolic links followed while resolving one path (as Linux's own limit).</summary>
    private const int MaxLinks = 40;

    /// <summary>
    /// The absolute path of <paramref name="path"/> with every symbolic link on the way resolved (components that do
    /// not exist are kept as written). A cycle or a chain longer than 40 links throws <see cref="IOException"/>.
    /// </summary>
    public static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var parts = new Queue<string>(full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries));
        var current = root;
        var links = 0;
        while (parts.Count > 0)
        {
            var part = parts.Dequeue();
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? root;
                continue;
            }

            var next = Path.Combine(current, part);
            var info = new FileInfo(next);
            if (info.LinkTarget is not { } target)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException($"too many levels of symbolic links in {path}");
            }

            // Resolve the target from where the link sits, then walk its components (they may be links too).
            var resolved = Path.GetFullPath(target, current);
            var rest = parts.ToArray();
            var targetRoot = Path.GetPathRoot(resolved)!;
            parts = new Queue<string>([.. resolved[targetRoot.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries), .. rest]);
            current = targetRoot;
        }

        return current;
    }

    /// <summary>True when <paramref name="path"/>, after following links, is <paramref name="folder"/> or inside it.</summary>
    public static bool IsInside(string folder, string path)
    {
        var root = RealPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        var real = RealPath(path);
        return real == root || real.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <summary>
    /// The bytes of the regular file <paramref name="path"/> of at most <paramref name="maxBytes"/>, or the reason it
    /// cannot be read, phrased for the user (<paramref name="what"/> names the file: "the scenario", "the history").
    /// Never blocks on a FIFO or reads a device; never quotes the file's content.
    /// </summary>
    public static (byte[]? Bytes, string? Error, long? Oversize) ReadRegular(string path, long maxBytes, string what)
    {
        try
        {
            if (Directory.Exists(path))
            {
                return (null, $"{what} {path} is a folder, not a file", null);
            }

            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return (null, $"file not found: {path}", null);
            }

            if (info.Length == 0)
            {
                return (null, $"{what} {path} is empty or not a regular file (a device, FIFO or socket is not read)", null);
            }

            if (info.Length > maxBytes)
            {
                return (null, TooLarge(what, info.Length, maxBytes), info.Length);
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
            // Sized from the file, read in chunks up to one byte past the cap (the file may grow while it is read).
            using var buffer = new MemoryStream((int)Math.Min(info.Length, maxBytes) + 1);
            var chunk = new byte[64 * 1024];
            int read;
            while (buffer.Length <= maxBytes
                   && (read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, maxBytes + 1 - buffer.Length))) > 0)
            {
                buffer.Write(chunk, 0, read);
            }

            return buffer.Length > maxBytes ? (null, TooLarge(what, buffer.Length, maxBytes), buffer.Length) : (buffer.ToArray(), null, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot read {what} {path}: {e.Message}", null);
        }
    }

    private static string TooLarge(string what, long bytes, long max) => string.Create(CultureInfo.InvariantCulture,
        $"{what} is {bytes:#,0} bytes or more; the limit is {max:#,0} bytes");
}
