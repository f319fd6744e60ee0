using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Sim.Tests.Worker;

/// <summary>
/// The built Sim.Worker.dll run with <c>dotnet</c> as a separate process (serve, worker, enqueue, ...), its output
/// collected line by line. Disposing kills it (and its children) if it is still running.
/// </summary>
public sealed partial class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();

    private WorkerProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _stdout.Enqueue(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _stderr.Enqueue(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The Sim.Worker.dll next to the test assembly (the test project references the worker).</summary>
    public static string WorkerDll => Path.Combine(AppContext.BaseDirectory, "Sim.Worker.dll");

    public int Id => _process.Id;

    public IReadOnlyList<string> StdOut => _stdout.ToList();

    public IReadOnlyList<string> StdErr => _stderr.ToList();

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <c>dotnet Sim.Worker.dll args...</c> in <paramref name="workingDirectory"/>.</summary>
    public static WorkerProcess Start(string workingDirectory, params string[] args) =>
        Start(workingDirectory, new Dictionary<string, string>(), args);

    /// <summary>Starts <c>dotnet Sim.Worker.dll args...</c> with extra environment variables.</summary>
    public static WorkerProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(WorkerDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment.Remove("SIM_CONNECTION");
        info.Environment.Remove("SIM_SERVER");
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        return new WorkerProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    /// <summary>Runs a short command to completion (bounded) and returns exit code and output.</summary>
    public static async Task<(int ExitCode, IReadOnlyList<string> StdOut, IReadOnlyList<string> StdErr)> RunAsync(
        string workingDirectory, params string[] args)
    {
        using var process = Start(workingDirectory, args);
        await process.WaitForExitAsync(Deadline.Default);
        return (process.ExitCode, process.StdOut, process.StdErr);
    }

    /// <summary>Waits for the <c>serve: listening on URL</c> line and returns the URL.</summary>
    public async Task<Uri> WaitForListeningAsync()
    {
        var line = await Deadline.UntilAsync(() => Task.FromResult(
            HasExited && !_stdout.Any(l => ListeningLine().IsMatch(l))
                ? throw new InvalidOperationException($"the server exited with {ExitCode}: {string.Join(" | ", StdErr)}")
                : _stdout.FirstOrDefault(l => ListeningLine().IsMatch(l))), "the server's listening line");
        return new Uri(ListeningLine().Match(line).Groups[1].Value);
    }

    /// <summary>Waits for a stdout line starting with <paramref name="prefix"/>.</summary>
    public Task<string> WaitForLineAsync(string prefix) => Deadline.UntilAsync(() => Task.FromResult(
        HasExited && !_stdout.Any(l => l.StartsWith(prefix, StringComparison.Ordinal))
            ? throw new InvalidOperationException($"the process exited with {ExitCode}: {string.Join(" | ", StdErr)}")
            : _stdout.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))), $"a line '{prefix}...'");

    /// <summary>Waits (bounded) for the process to end.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
    }

    /// <summary>Kills the process at once, as a crash or a power cut would (no graceful shutdown).</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Asks the process to stop as Ctrl+C / SIGTERM would, and waits for it.</summary>
    public async Task TerminateAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill!.WaitForExitAsync();
        }

        await WaitForExitAsync(TimeSpan.FromSeconds(60));
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"^serve: listening on (http://\S+) ")]
    private static partial Regex ListeningLine();
}
