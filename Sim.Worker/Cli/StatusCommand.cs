using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Sim.Worker.Jobs;
using Sim.Worker.Output;
using Sim.Worker.Server;

namespace Sim.Worker.Cli;

/// <summary>
/// <c>status ID --server URL</c>: prints a run's state, progress, timings and files. <c>--json</c> prints the API's
/// JSON; <c>--wait</c> polls until the run finishes. Exit code 0 unless the run failed or does not exist.
/// </summary>
public static class StatusCommand
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>The verb.</summary>
    public static Command Create()
    {
        var id = Options.One("RUN_ID", "the run id enqueue printed (16 lowercase hex digits)");
        var server = EnqueueCommand.ServerOption();
        var json = Options.Flag("--json", "print the API's JSON instead of the summary");
        var wait = Options.Flag("--wait", "poll until the run succeeds or fails (progress on stderr)");
        var timeout = EnqueueCommand.TimeoutOption();
        var command = new Command("status", "Print a run's state, progress, success, timings and files. " +
                                            "Exit code 0 unless the run failed or does not exist.")
        {
            id, server, json, wait, timeout,
        };
        command.SetAction(parse => RunAsync(parse.GetValue(id), parse.GetValue(server), parse.GetValue(json),
            parse.GetValue(wait), parse.GetValue(timeout) ?? EnqueueCommand.DefaultTimeout));
        return command;
    }

    private static async Task<int> RunAsync(string? id, string? serverOption, bool json, bool wait, TimeSpan timeout)
    {
        if (id is null)
        {
            throw new UsageException("missing RUN_ID");
        }

        if (!RunIds.IsWellFormed(id))
        {
            throw new UsageException($"'{id}' is not a run id (16 lowercase hex digits, as printed by enqueue)");
        }

        var server = ApiClient.ResolveServer(serverOption);
        using var client = new ApiClient(server);
        try
        {
            if (wait)
            {
                return await WaitAsync(client, id, timeout);
            }

            var answer = await client.GetAsync($"/api/runs/{id}", CancellationToken.None);
            if (answer.Status != HttpStatusCode.OK)
            {
                foreach (var line in ApiClient.DescribeProblem(answer))
                {
                    Console.Error.WriteLine("error: " + line);
                }

                return CommandLine.ExitInvalidInput;
            }

            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(answer.Body, new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                Print(answer.Body.Deserialize<RunView>(ApiClient.Json)!, server);
            }

            return answer.Body.Deserialize<RunView>(ApiClient.Json)!.Status == RunStatus.Failed
                ? CommandLine.ExitInvalidInput
                : CommandLine.ExitOk;
        }
        catch (HttpRequestException e)
        {
            Console.Error.WriteLine($"error: cannot reach the server at {server}: {e.Message}");
            return CommandLine.ExitInvalidInput;
        }
    }

    /// <summary>Polls until the run succeeds or fails (or <paramref name="timeout"/> passes), then prints it.</summary>
    public static async Task<int> WaitAsync(ApiClient client, string id, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        string? last = null;
        while (true)
        {
            var answer = await client.GetAsync($"/api/runs/{id}", CancellationToken.None);
            if (answer.Status != HttpStatusCode.OK)
            {
                foreach (var line in ApiClient.DescribeProblem(answer))
                {
                    Console.Error.WriteLine("error: " + line);
                }

                return CommandLine.ExitInvalidInput;
            }

            var view = answer.Body.Deserialize<RunView>(ApiClient.Json)!;
            var line2 = Describe(view);
            if (line2 != last)
            {
                Console.Error.WriteLine(line2);
                last = line2;
            }

            if (view.Status is RunStatus.Succeeded or RunStatus.Failed)
            {
                return view.Status == RunStatus.Succeeded ? CommandLine.ExitOk : CommandLine.ExitInvalidInput;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                Console.Error.WriteLine($"error: run {id} is still {view.Status.ToString().ToLowerInvariant()} after {timeout}");
                return CommandLine.ExitInvalidInput;
            }

            await Task.Delay(PollInterval);
        }
    }

    /// <summary>One line: id, status, progress or outcome.</summary>
    public static string Describe(RunView view) => view.Status switch
    {
        RunStatus.Running => string.Create(CultureInfo.InvariantCulture, $"run {view.Id}: running {view.Progress:0.#}%"),
        RunStatus.Succeeded => string.Create(CultureInfo.InvariantCulture,
            $"run {view.Id}: succeeded in {view.WallSeconds:0.##} s, success {view.Success ?? (view.SuccessProbability is { } p ? Units.Percent(p) : "n/a")}"),
        RunStatus.Failed => $"run {view.Id}: failed: {view.Error}",
        _ => $"run {view.Id}: queued" + (view.Error is null ? "" : $" ({view.Error})"),
    };

    private static void Print(RunView view, Uri server)
    {
        Console.WriteLine(Describe(view));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  scenario {view.Scenario}{(view.ScenarioFile is null ? "" : $" ({view.ScenarioFile})")}, {(view.Paths is { } n ? Units.Count(n) : "?")} paths, seed {view.Seed}, start year {view.StartYear}, engine {view.EngineVersion}"));
        Console.WriteLine($"  created {view.CreatedAt:u}" + (view.StartedAt is { } s ? $", started {s:u}" : "") +
                          (view.FinishedAt is { } f ? $", finished {f:u}" : "") + $", computations {view.Computations}");
        foreach (var error in view.ValidationErrors)
        {
            Console.WriteLine($"  {error}");
        }

        foreach (var file in view.Files)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {file.Name} ({Units.Count(file.Bytes)} bytes) {new Uri(server, file.Href)}"));
        }
    }
}
