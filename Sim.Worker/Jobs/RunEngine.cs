using System.Text.Json;
using System.Text.RegularExpressions;
using Sim.Engine.Scenarios;
using Sim.Worker.Runs;

namespace Sim.Worker.Jobs;

/// <summary>The production <see cref="IRunEngine"/>: the scenario parser and the shared scenario runner.</summary>
public sealed partial class RunEngine : IRunEngine
{
    /// <inheritdoc />
    public ScenarioCheck Parse(string json, int defaultStartYear) => StandInParse(json, defaultStartYear);

    /// <inheritdoc />
    public EngineRunResult Run(Scenario scenario, string scenarioJson, string? scenarioDirectory, RunOverrides overrides,
        string outputDirectory, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var outcome = ScenarioRunner.Run(scenario, scenarioJson, scenarioDirectory, overrides, outputDirectory, progress, cancellationToken);
        var median = TerminalMedian.ReadAsync(Path.Combine(outputDirectory, TerminalMedian.PercentilesFile), cancellationToken)
            .GetAwaiter().GetResult();
        return new EngineRunResult(outcome.RunId, outcome.SuccessProbability, median, outcome.WallSeconds);
    }

    // STAND-IN until Sim.Engine.Scenarios.ScenarioJson lands on main: checks only what the worker relies on.
    private static ScenarioCheck StandInParse(string json, int defaultStartYear)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return new ScenarioCheck(null, [new ScenarioIssue("$", $"not valid JSON: {e.Message}")]);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new ScenarioCheck(null, [new ScenarioIssue("$", "must be a JSON object")]);
            }

            var errors = new List<ScenarioIssue>();
            var name = "scenario";
            if (root.TryGetProperty("name", out var n))
            {
                if (n.ValueKind != JsonValueKind.String || !NamePattern().IsMatch(n.GetString()!))
                {
                    errors.Add(new ScenarioIssue("$.name", "must be file-safe: letters, digits, '-' and '_'"));
                }
                else
                {
                    name = n.GetString()!;
                }
            }

            var simulation = new SimulationSettings { StartYear = defaultStartYear };
            if (root.TryGetProperty("simulation", out var s) && s.ValueKind == JsonValueKind.Object)
            {
                if (s.TryGetProperty("paths", out var p))
                {
                    if (p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var paths) && paths is >= 1 and <= SimulationSettings.MaxPaths)
                    {
                        simulation = simulation with { Paths = paths };
                    }
                    else
                    {
                        errors.Add(new ScenarioIssue("$.simulation.paths", $"must be an integer from 1 to {SimulationSettings.MaxPaths}"));
                    }
                }

                if (s.TryGetProperty("seed", out var seed))
                {
                    if (seed.ValueKind == JsonValueKind.Number && seed.TryGetUInt64(out var value))
                    {
                        simulation = simulation with { Seed = value };
                    }
                    else
                    {
                        errors.Add(new ScenarioIssue("$.simulation.seed", "must be a non-negative integer"));
                    }
                }

                if (s.TryGetProperty("startYear", out var y) && y.TryGetInt32(out var year))
                {
                    simulation = simulation with { StartYear = year };
                }
            }

            if (root.TryGetProperty("participant", out var participant) && participant.ValueKind == JsonValueKind.Object
                && participant.TryGetProperty("birthYear", out var birth) && birth.ValueKind != JsonValueKind.Number)
            {
                errors.Add(new ScenarioIssue("$.participant.birthYear", "must be a year"));
            }

            return errors.Count > 0
                ? new ScenarioCheck(null, errors)
                : new ScenarioCheck(new Scenario { Name = name, Simulation = simulation }, []);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex NamePattern();
}
