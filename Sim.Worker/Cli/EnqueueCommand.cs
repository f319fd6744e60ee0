using System.Net;
using System.Text.Json;
using Sim.Engine.Scenarios;
using Sim.Worker.Jobs;
using Sim.Worker.Server;

namespace Sim.Worker.Cli;

/// <summary>
/// <c>enqueue SCENARIO.json --server URL</c>: submits a scenario to a running server and prints the run id
/// (alone on the first line, for scripts). <c>--name NAME</c> names a file of the server's library instead.
/// With <c>--wait</c> it then follows the run to its end.
/// </summary>
public static class EnqueueCommand
{
    /// <summary>Usage line for the verb table.</summary>
    public const string Usage = "enqueue SCENARIO.json | --name NAME  [--server URL] [--paths N] [--seed S] [--wait] [--timeout SECONDS]";

    /// <summary>Runs the verb.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var options = OptionReader.Parse(args, ["server", "paths", "seed", "name", "timeout"], ["wait"]);
        var name = options.String("name");
        if (name is null)
        {
            options.ExpectPositionals(1, "SCENARIO.json (or --name NAME)");
        }
        else
        {
            options.ExpectPositionals(0, "");
        }

        var server = ApiClient.ResolveServer(options.String("server"));
        var paths = options.Int("paths", 1, SimulationSettings.MaxPaths);
        var seed = options.UInt64("seed");
        var timeout = options.Seconds("timeout", TimeSpan.FromDays(7).TotalSeconds) ?? TimeSpan.FromHours(1);

        string path;
        string body;
        if (name is not null)
        {
            path = "/api/runs";
            body = JsonSerializer.Serialize(new { scenario = name, paths, seed }, ApiClient.Json);
        }
        else
        {
            var file = options.Positionals[0];
            if (!File.Exists(file))
            {
                Console.Error.WriteLine($"error: no file '{file}'");
                return CommandLine.ExitInvalidInput;
            }

            try
            {
                body = ScenarioCatalog.ReadCapped(file);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return CommandLine.ExitInvalidInput;
            }

            var query = new List<string>();
            if (paths is { } p)
            {
                query.Add($"paths={p.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            }

            if (seed is { } s)
            {
                query.Add($"seed={s.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            }

            path = "/api/runs" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
        }

        using var client = new ApiClient(server);
        ApiAnswer answer;
        try
        {
            answer = await client.PostJsonAsync(path, body, CancellationToken.None);
        }
        catch (HttpRequestException e)
        {
            Console.Error.WriteLine($"error: cannot reach the server at {server}: {e.Message}");
            return CommandLine.ExitInvalidInput;
        }

        if (answer.Status is not (HttpStatusCode.Accepted or HttpStatusCode.OK))
        {
            foreach (var line in ApiClient.DescribeProblem(answer))
            {
                Console.Error.WriteLine(line.StartsWith(' ') ? line : "error: " + line);
            }

            return CommandLine.ExitInvalidInput;
        }

        var view = answer.Body.Deserialize<RunView>(ApiClient.Json)!;
        Console.WriteLine(view.Id);
        Console.Error.WriteLine(view.Created == true
            ? $"queued run {view.Id} ({view.Scenario}, {view.Paths} paths, seed {view.Seed})"
            : $"run {view.Id} already exists: {StatusCommand.Describe(view)}");
        return options.Flag("wait")
            ? await StatusCommand.WaitAsync(client, view.Id, timeout)
            : CommandLine.ExitOk;
    }
}
