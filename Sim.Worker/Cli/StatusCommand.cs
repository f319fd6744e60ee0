using System.Globalization;
using System.Net;
using System.Text.Json;
using Sim.Worker.Jobs;
using Sim.Worker.Server;

namespace Sim.Worker.Cli;

/// <summary>
/// <c>status ID --server URL</c>: prints a run's state, progress, timings and files. <c>--json</c> prints the API's
/// JSON; <c>--wait</c> polls until the run finishes. Exit code 0 unless the run failed or does not exist.
/// </summary>
public static class StatusCommand
{
    /// <summary>Usage line for the verb table.</summary>
    public const string Usage = "status RUN_ID [--server URL] [--json] [--wait] [--timeout SECONDS]";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Runs the verb.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var options = OptionReader.Parse(args, ["server", "timeout"], ["json", "wait"]);
        options.ExpectPositionals(1, "RUN_ID");
        var id = options.Positionals[0];
        if (!RunIds.IsWellFormed(id))
        {
            throw new UsageException($"'{id}' is not a run id (16 lowercase hex digits, as printed by enqueue)");
        }

        var server = ApiClient.ResolveServer(options.String("server"));
        var timeout = options.Seconds("timeout", TimeSpan.FromDays(7).TotalSeconds) ?? TimeSpan.FromHours(1);
        using var client = new ApiClient(server);
        try
        {
            if (options.Flag("wait"))
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

            if (options.Flag("json"))
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
            $"run {view.Id}: succeeded in {view.WallSeconds:0.##} s, success probability {view.SuccessProbability:0.####}"),
        RunStatus.Failed => $"run {view.Id}: failed: {view.Error}",
        _ => $"run {view.Id}: queued" + (view.Error is null ? "" : $" ({view.Error})"),
    };

    private static void Print(RunView view, Uri server)
    {
        Console.WriteLine(Describe(view));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  scenario {view.Scenario}{(view.ScenarioFile is null ? "" : $" ({view.ScenarioFile})")}, {view.Paths} paths, seed {view.Seed}, start year {view.StartYear}, engine {view.EngineVersion}"));
        Console.WriteLine($"  created {view.CreatedAt:u}" + (view.StartedAt is { } s ? $", started {s:u}" : "") +
                          (view.FinishedAt is { } f ? $", finished {f:u}" : "") + $", computations {view.Computations}");
        foreach (var error in view.ValidationErrors)
        {
            Console.WriteLine($"  {error}");
        }

        foreach (var file in view.Files)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {file.Name} ({file.Bytes} bytes) {new Uri(server, file.Href)}"));
        }
    }
}
