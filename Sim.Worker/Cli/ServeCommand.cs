using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Sim.Worker.Server;

namespace Sim.Worker.Cli;

/// <summary>
/// <c>serve</c>: the HTTP API, the Hangfire dashboard at /hangfire and a Hangfire server, on 127.0.0.1:5080 by
/// default. Runs until Ctrl+C / SIGTERM; running jobs are cancelled and stay queued.
/// </summary>
public static class ServeCommand
{
    /// <summary>The verb.</summary>
    public static Command Create()
    {
        var command = new Command("serve",
            "Run the HTTP API, the home page (/), results pages, the Hangfire dashboard (/hangfire) and a Hangfire server, " +
            "bound to 127.0.0.1. Runs until Ctrl+C; running jobs are cancelled and stay queued.");
        var options = new ServerOptions(command, serve: true);
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

        WebApplication app;
        try
        {
            app = SimHost.CreateServer(settings);
            await app.StartAsync();
        }
        catch (UsageException)
        {
            throw; // a bad option found only when it is applied (e.g. the cron): one line, exit code 2
        }
        catch (Exception e)
        {
            // Not disposed: a half-started host may wait on its storage; the process ends here anyway.
            Console.Error.WriteLine($"error: the server could not start: {Innermost(e).Message}");
            return CommandLine.ExitInvalidInput;
        }

        await using var _ = app;

        foreach (var address in SimHost.BoundAddresses(app))
        {
            Console.WriteLine($"serve: listening on {address} (dashboard {address}/hangfire)");
        }

        Console.WriteLine($"serve: storage {settings.Storage.ToString().ToLowerInvariant()}, {settings.WorkerCount} worker(s), " +
                          $"out {settings.Jobs.OutputPath}, scenarios {settings.Jobs.ScenariosPath}");
        await app.WaitForShutdownAsync();
        return CommandLine.ExitOk;
    }

    /// <summary>The innermost exception: its message is the one that names the cause.</summary>
    public static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException!;
        }

        return e;
    }
}
