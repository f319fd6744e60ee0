using System.Globalization;

namespace Sim.Tests.Worker;

/// <summary>Small, valid scenario files (spec 11: a minimal file names birth year, salary, balance, retirement age).</summary>
public static class TestScenarios
{
    /// <summary>A minimal scenario; vary <paramref name="salary"/> to get distinct runs.</summary>
    public static string Minimal(string name, double salary = 90_000, int paths = 200, ulong seed = 1, int birthYear = 1970,
        int startYear = 2026) => string.Create(CultureInfo.InvariantCulture, $$"""
        {
          "name": "{{name}}",
          "description": "test scenario {{name}}",
          "simulation": { "paths": {{paths}}, "seed": {{seed}}, "startYear": {{startYear}} },
          "participant": { "birthYear": {{birthYear}}, "retirementAge": 65, "salary": {{salary}} },
          "account": { "pretaxBalance": 250000 }
        }
        """);

    /// <summary>A stress overlay file (name, description, JSON merge patch).</summary>
    public static string Overlay(string name, string patchJson) => $$"""
        { "name": "{{name}}", "description": "overlay {{name}}", "overlay": {{patchJson}} }
        """;

    /// <summary>Writes a scenario library: the given scenarios and overlays.</summary>
    public static string WriteLibrary(string root, IEnumerable<(string Name, string Json)> scenarios,
        IEnumerable<(string Name, string Json)>? overlays = null)
    {
        var folder = Path.Combine(root, "scenarios");
        Directory.CreateDirectory(Path.Combine(folder, "stress"));
        foreach (var (name, json) in scenarios)
        {
            File.WriteAllText(Path.Combine(folder, name + ".json"), json);
        }

        foreach (var (name, json) in overlays ?? [])
        {
            File.WriteAllText(Path.Combine(folder, "stress", name + ".json"), json);
        }

        return folder;
    }
}
