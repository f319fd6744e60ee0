namespace Sim.Tests.Worker;

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
public sealed class ScratchFolder : IDisposable
{
    public ScratchFolder(string prefix = "sim-worker")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Every file or folder under the tree whose name contains the temporary marker.</summary>
    public IReadOnlyList<string> Temporaries(string? under = null) =>
        Directory.EnumerateFileSystemEntries(under ?? Path, "*", SearchOption.AllDirectories)
            .Where(p => System.IO.Path.GetFileName(p).Contains(".tmp-", StringComparison.Ordinal)
                        || System.IO.Path.GetFileName(p) == ".staging" && Directory.EnumerateFileSystemEntries(p).Any())
            .ToList();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a child process may still hold a file for a moment; the OS cleans temp folders
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
