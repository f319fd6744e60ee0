namespace Sim.Worker.Jobs;

/// <summary>Publishes a finished folder under its final name in one rename.</summary>
public static class AtomicDirectory
{
    /// <summary>
    /// Moves <paramref name="staging"/> to <paramref name="final"/>, replacing an existing folder of that name
    /// (the old one is renamed aside first and deleted after). Both must be on one file system.
    /// </summary>
    public static void Replace(string staging, string final)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        for (var attempt = 0; ; attempt++)
        {
            string? aside = null;
            if (Directory.Exists(final))
            {
                aside = AtomicText.TempSibling(final);
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
                    RunStore.DeleteDirectory(aside);
                }

                return;
            }
            catch (IOException) when (attempt < 5 && Directory.Exists(final))
            {
                // A concurrent writer published in between: replace theirs (same inputs, same files).
            }
        }
    }
}
