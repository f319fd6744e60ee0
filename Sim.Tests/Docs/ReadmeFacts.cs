using System.Diagnostics;
using System.Text.RegularExpressions;
using Sim.Tests.Scenarios;

namespace Sim.Tests.Docs;

/// <summary>README.md shows what the program prints: its sample output is the output of its own first command.</summary>
public sealed partial class ReadmeFacts
{
    [Fact]
    public async Task TheSampleOutput_IsWhatTheReadmesCommandPrints_ButTheTimeAndFolder()
    {
        var root = ScenarioTestSupport.RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md")).ReplaceLineEndings("\n");
        Assert.Contains("dotnet run --project Sim.Worker -- run scenarios/baseline.json    #", readme, StringComparison.Ordinal);
        var sample = SampleBlock().Match(readme);
        Assert.True(sample.Success, "README.md has no ``` block starting with 'baseline  (run '");
        using var temp = new TempFolder();

        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "Sim.Worker.dll"), "run", "scenarios/baseline.json", "--out", temp.Path })
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        var stdoutTask = p.StandardOutput.ReadToEndAsync();
        var stderrTask = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await p.WaitForExitAsync(timeout.Token);
        var (stdout, stderr) = (await stdoutTask, await stderrTask);
        Assert.True(p.ExitCode == 0, stderr);

        Assert.Equal(Normalize(sample.Groups[1].Value), Normalize(stdout.Replace(temp.Path, "out", StringComparison.Ordinal)));
    }

    /// <summary>The wall time in the heading varies from run to run; everything else is reproducible.</summary>
    private static string Normalize(string output) =>
        WallTime().Replace(output.ReplaceLineEndings("\n").Trim(), ", S s)");

    [GeneratedRegex(@"^```\n(baseline  \(run .*?)^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex SampleBlock();

    [GeneratedRegex(@", \d+\.\d\d s\)")]
    private static partial Regex WallTime();
}
