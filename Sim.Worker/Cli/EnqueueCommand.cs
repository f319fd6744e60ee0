using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Sim.Engine.Scenarios;
using Sim.Worker.Jobs;
using Sim.Worker.Output;
using Sim.Worker.Scenarios;
using Sim.Worker.Server;

namespace Sim.Worker.Cli;

/// <summary>
/// <c>enqueue SCENARIO.json --server URL</c>: submits a scenario to a running server and prints the run id
/// (alone on the first line, for scripts). <c>--name NAME</c> names a file of the server's library instead;
/// <c>--overlay FILE</c> (or <c>--overlay-name NAME</c>) merges a stress overlay in. With <c>--wait</c> it then
/// follows the run to its end. A file that cannot be read is reported in the words <c>validate</c> and <c>run</c>
/// use (exit code 1); the server's validation errors are listed with their JSON paths (exit code 1).
/// </summary>
public static class EnqueueCommand
{
    /// <summary>The verb.</summary>
    public static Command Create()
    {
        var file = Options.One("SCENARIO.json", "the scenario file to submit (or --name NAME)");
        var name = Options.Text("--name", "NAME", "a scenario of the server's library (scenarios/NAME.json) instead of a file");
        var overlay = Options.Text("--overlay", "FILE", "a stress overlay file merged into the scenario before it runs");
        var overlayName = Options.Text("--overlay-name", "NAME", "an overlay of the server's library (scenarios/stress/NAME.json)");
        var server = ServerOption();
        var paths = Options.Int("--paths", "N", 1, SimulationSettings.MaxPaths, "number of paths (default: the scenario's)");
        var seed = Options.UInt64("--seed", "S", "random seed (default: the scenario's)");
        var wait = Options.Flag("--wait", "follow the run until it succeeds or fails (progress on stderr)");
        var timeout = TimeoutOption();
        var command = new Command("enqueue", "Submit a scenario to a running server; prints the run id.")
        {
            file, name, overlay, overlayName, server, paths, seed, wait, timeout,
        };
        command.SetAction(parse => RunAsync(parse.GetValue(file), parse.GetValue(name), parse.GetValue(overlay),
            parse.GetValue(overlayName), ApiClient.ResolveServer(parse.GetValue(server)), parse.GetValue(paths),
            parse.GetValue(seed), parse.GetValue(wait), parse.GetValue(timeout) ?? DefaultTimeout));
        return command;
    }

    /// <summary>How long <c>--wait</c> waits by default.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromHours(1);

    /// <summary><c>--server URL</c>, shared with <c>status</c>.</summary>
    internal static Option<string?> ServerOption() => Options.Text("--server", "URL",
        $"the server's address (default: the environment variable {ApiClient.ServerVariable}, else {Server.ServerSettings.DefaultUrls})");

    /// <summary><c>--timeout SECONDS</c>, shared with <c>status</c>.</summary>
    internal static Option<TimeSpan?> TimeoutOption() => Options.Seconds("--timeout", TimeSpan.FromDays(7).TotalSeconds,
        "with --wait: give up after this many seconds (default 3600)");

    private static async Task<int> RunAsync(string? file, string? name, string? overlayFile, string? overlayName, Uri server,
        int? paths, ulong? seed, bool wait, TimeSpan timeout)
    {
        if ((file is null) == (name is null))
        {
            throw new UsageException(file is null ? "missing SCENARIO.json (or --name NAME)" : "give SCENARIO.json or --name NAME, not both");
        }

        if (overlayFile is not null && overlayName is not null)
        {
            throw new UsageException("give --overlay FILE or --overlay-name NAME, not both");
        }

        string? overlayJson = null;
        if (overlayFile is not null && Read(overlayFile) is var (overlayText, overlayOk))
        {
            if (!overlayOk)
            {
                return CommandLine.ExitInvalidInput;
            }

            overlayJson = overlayText;
        }

        string path = "/api/runs";
        string body;
        if (name is not null || overlayJson is not null || overlayName is not null)
        {
            // The envelope: {"scenario": NAME or {...}, "overlay": NAME or {...}, "paths": N, "seed": S}.
            string scenarioPart;
            if (name is not null)
            {
                scenarioPart = JsonSerializer.Serialize(name);
            }
            else if (Read(file!) is (var text, true))
            {
                scenarioPart = text!;
            }
            else
            {
                return CommandLine.ExitInvalidInput;
            }

            var parts = new List<string> { $"\"scenario\": {scenarioPart}" };
            if (overlayJson is not null)
            {
                parts.Add($"\"overlay\": {overlayJson}");
            }
            else if (overlayName is not null)
            {
                parts.Add($"\"overlay\": {JsonSerializer.Serialize(overlayName)}");
            }

            if (paths is { } p)
            {
                parts.Add($"\"paths\": {p.ToString(CultureInfo.InvariantCulture)}");
            }

            if (seed is { } s)
            {
                parts.Add($"\"seed\": {s.ToString(CultureInfo.InvariantCulture)}");
            }

            body = "{\n" + string.Join(",\n", parts) + "\n}";
        }
        else
        {
            if (Read(file!) is not (var text, true))
            {
                return CommandLine.ExitInvalidInput;
            }

            body = text!;
            var query = new List<string>();
            if (paths is { } p)
            {
                query.Add($"paths={p.ToString(CultureInfo.InvariantCulture)}");
            }

            if (seed is { } s)
            {
                query.Add($"seed={s.ToString(CultureInfo.InvariantCulture)}");
            }

            path += query.Count > 0 ? "?" + string.Join('&', query) : "";
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
            ? $"queued run {view.Id} ({view.Scenario}, {(view.Paths is { } n ? Units.Count(n) : "?")} paths, seed {view.Seed})"
            : $"run {view.Id} already exists: {StatusCommand.Describe(view)}");
        return wait
            ? await StatusCommand.WaitAsync(client, view.Id, timeout)
            : CommandLine.ExitOk;
    }

    /// <summary>Reads a file as <c>validate</c> and <c>run</c> do; on failure prints the same two lines they print.</summary>
    private static (string? Text, bool Ok) Read(string file)
    {
        var (text, error) = ScenarioFile.ReadText(file);
        if (text is not null)
        {
            return (text, true);
        }

        Console.Error.WriteLine(file);
        Console.Error.WriteLine($"  {error}");
        return (null, false);
    }
}
