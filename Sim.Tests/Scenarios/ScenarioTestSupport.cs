using Sim.Engine.Scenarios;

namespace Sim.Tests.Scenarios;

/// <summary>Shared helpers for the scenario tests: parsing with a fixed clock year, the repository root, temp files.</summary>
internal static class ScenarioTestSupport
{
    /// <summary>The clock year the tests pass as the default startYear.</summary>
    public const int ClockYear = 2026;

    /// <summary>Birth year, salary, balance and retirement age: the least a scenario names.</summary>
    public const string MinimalJson = """
        { "participant": { "birthYear": 1991, "salary": 85000, "retirementAge": 65 }, "account": { "pretaxBalance": 60000 } }
        """;

    public static ScenarioParseResult Parse(string json) => ScenarioJson.Parse(json, ClockYear);

    /// <summary>The minimal scenario with one section replaced or added, e.g. With("\"fees\": {...}").</summary>
    public static ScenarioParseResult ParseMinimalWith(string members) => Parse($$"""
        { "participant": { "birthYear": 1991, "salary": 85000, "retirementAge": 65 }, "account": { "pretaxBalance": 60000 }, {{members}} }
        """);

    /// <summary>Parses and asserts there is no error; returns the scenario.</summary>
    public static Scenario Valid(string json)
    {
        var r = Parse(json);
        Assert.True(r.IsValid, string.Join(Environment.NewLine, r.Errors));
        return r.Scenario!;
    }

    /// <summary>Asserts exactly one error and returns its "path: message" text.</summary>
    public static string SingleError(ScenarioParseResult r)
    {
        Assert.False(r.IsValid);
        Assert.Null(r.Scenario);
        return Assert.Single(r.Errors).ToString();
    }

    /// <summary>The folder holding Sim.sln, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sim.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Sim.sln above {AppContext.BaseDirectory}");
    }

    public static string TestDataPath(string file) => Path.Combine(AppContext.BaseDirectory, "TestData", file);
}

/// <summary>A fresh temporary folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sim-scenario-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string name, string contents)
    {
        var file = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, contents);
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is harmless.
        }
    }
}
