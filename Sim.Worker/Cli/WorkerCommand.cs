using Microsoft.Extensions.Hosting;
using Sim.Worker.Server;

namespace Sim.Worker.Cli;

/// <summary>
/// <c>worker</c>: a headless Hangfire server on a shared PostgreSQL queue (no HTTP). Start one per machine;
/// every worker must see the same <c>--out</c> and <c>--scenarios</c> folders.
/// </summary>
public static class WorkerCommand
{
    /// <summary>Usage line for the verb table.</summary>
    public const string Usage = "worker --storage postgres --connection CS [--out DIR] [--workers N]   (see worker --help)";

    /// <summary>Runs the verb.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is ["--help"] or ["-h"])
        {
            Console.WriteLine("usage: worker --storage postgres --connection CS [options]");
            Console.Write(ServerOptionsParser.Help);
            return CommandLine.ExitOk;
        }

        var settings = ServerOptionsParser.ParseWorker(args);
        if (await SimHost.CheckStorageAsync(settings) is { } problem)
        {
            Console.Error.WriteLine($"error: {problem}");
            return CommandLine.ExitInvalidInput;
        }

        IHost host;
        try
        {
            host = SimHost.CreateWorker(settings);
            await host.StartAsync();
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"error: the worker could not start: {ServeCommand.Innermost(e).Message}");
            return CommandLine.ExitInvalidInput;
        }

        using var _ = host;

        Console.WriteLine($"worker: {settings.WorkerCount} worker(s) on the shared queue, out {settings.Jobs.OutputPath}, " +
                          $"scenarios {settings.Jobs.ScenariosPath}");
        await host.WaitForShutdownAsync();
        return CommandLine.ExitOk;
    }
}
