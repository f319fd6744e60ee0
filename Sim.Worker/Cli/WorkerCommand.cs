using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Sim.Worker.Server;

namespace Sim.Worker.Cli;

/// <summary>
/// <c>worker</c>: a headless Hangfire server on a shared PostgreSQL queue (no HTTP). Start one per machine;
/// every worker must see the same <c>--out</c> and <c>--scenarios</c> folders.
/// </summary>
public static class WorkerCommand
{
    /// <summary>The verb.</summary>
    public static Command Create()
    {
        var command = new Command("worker",
            "Run a headless Hangfire server on a shared PostgreSQL queue (no HTTP): start one per machine; every worker " +
            "must see the same --out and --scenarios folders.");
        var options = new ServerOptions(command, serve: false);
        command.SetAction(parse => RunAsync(options.Read(parse)));
        return command;
    }

    private static async Task<int> RunAsync(ServerSettings settings)
    {
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
