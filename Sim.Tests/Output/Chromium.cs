using System.Diagnostics;

namespace Sim.Tests.Output;

/// <summary>
/// Headless Chromium for "look at it as a person would" tests. SIM_TEST_CHROMIUM (set by CI) names the binary and
/// makes these tests required; without it they run when /usr/bin/chromium exists and are skipped otherwise.
/// </summary>
internal static class Chromium
{
    public const string EnvironmentVariable = "SIM_TEST_CHROMIUM";
    public const string DefaultPath = "/usr/bin/chromium";

    /// <summary>The binary to use, or null when none is installed and none is required.</summary>
    public static string? Path
    {
        get
        {
            string? required = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(required))
            {
                return required; // required: a missing binary then fails the test instead of skipping it
            }

            return File.Exists(DefaultPath) ? DefaultPath : null;
        }
    }

    public static string SkipReason =>
        $"headless Chromium not found at {DefaultPath} and {EnvironmentVariable} is not set " +
        "(install it with: apt-get update && apt-get install -y chromium; or run .ci/render-check.sh)";

    /// <summary>Screenshots a local file at the given window size into pngPath.</summary>
    public static void Screenshot(string file, string pngPath, int width, int height)
    {
        string binary = Path ?? throw new InvalidOperationException(SkipReason);
        if (!File.Exists(binary))
        {
            throw new FileNotFoundException($"{EnvironmentVariable}={binary} but no such file", binary);
        }

        string profile = Directory.CreateTempSubdirectory("sim-chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo(binary)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (string a in (string[])
                     [
                         "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync",
                         "--hide-scrollbars", $"--user-data-dir={profile}", $"--screenshot={pngPath}",
                         $"--window-size={width},{height}", new Uri(System.IO.Path.GetFullPath(file)).AbsoluteUri,
                     ])
            {
                start.ArgumentList.Add(a);
            }

            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("chromium did not finish a screenshot within 2 minutes");
            }

            if (process.ExitCode != 0 || !File.Exists(pngPath))
            {
                throw new InvalidOperationException(
                    $"chromium exited {process.ExitCode} without a screenshot:\n{stdout.Result}\n{stderr.Result}");
            }
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // A profile file still held by a dying helper process: the temp folder is cleaned by the OS.
            }
        }
    }
}

/// <summary>A fact that needs headless Chromium: skipped with a clear reason when none is installed, unless
/// SIM_TEST_CHROMIUM makes it required.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Path is null)
        {
            Skip = Chromium.SkipReason;
        }
    }
}
