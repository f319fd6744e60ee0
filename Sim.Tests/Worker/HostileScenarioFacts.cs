using System.Diagnostics;
using System.Text;

namespace Sim.Tests.Worker;

/// <summary>
/// Issue 13's fuzz test: hostile scenario files generated from a fixed seed (wrong types, NaN and Infinity,
/// 1e308, deep nesting, huge strings, invalid UTF-8, lone surrogates, duplicate keys) and hostile paths (FIFOs
/// and devices as the scenario or its history, a NUL in the history, a history too short for the horizon, a link
/// to a system file), each given to the built CLI's <c>run</c>. Every one must exit 1 or 2 within the time limit,
/// print a line starting with a JSON path (<c>$…</c>), print no stack trace, and write nothing.
/// </summary>
public sealed class HostileScenarioFacts : IDisposable
{
    private static readonly string[] NumericFields =
    [
        "simulation.paths", "simulation.startYear", "participant.birthYear", "participant.retirementAge",
        "participant.salary", "account.pretaxBalance", "taxes.otherIncome",
    ];

    private static readonly string[] BadValues =
    [
        "\"text\"", "true", "null", "[]", "{}", "1e308", "-1e308", "1e400", "NaN", "Infinity", "-Infinity", "\"NaN\"",
        "-1", "18446744073709551616", "0x10", "1_000",
    ];

    private readonly ScratchFolder _root = new("sim-hostile");

    public void Dispose() => _root.Dispose();

    private static string Scenario(string field, string value)
    {
        var sections = new Dictionary<string, Dictionary<string, string>>
        {
            ["simulation"] = new() { ["paths"] = "50", ["startYear"] = "2026" },
            ["participant"] = new() { ["birthYear"] = "1970", ["retirementAge"] = "65", ["salary"] = "90000" },
            ["account"] = new() { ["pretaxBalance"] = "250000" },
            ["taxes"] = new() { ["otherIncome"] = "0" },
        };
        var parts = field.Split('.');
        sections[parts[0]][parts[1]] = value;
        return "{\"name\": \"h\", " + string.Join(", ", sections.Select(s =>
            $"\"{s.Key}\": {{{string.Join(", ", s.Value.Select(f => $"\"{f.Key}\": {f.Value}"))}}}")) + "}";
    }

    private static string WithHistory(string history, string model = "bootstrap") => $$"""
        { "name": "h", "simulation": { "paths": 50, "startYear": 2026 },
          "participant": { "birthYear": 1970, "retirementAge": 65, "salary": 90000 },
          "account": { "pretaxBalance": 250000 },
          "returns": { "model": "{{model}}", "history": "{{history}}" } }
        """;

    /// <summary>The cases: a file name and its bytes, or a path that is not a regular file.</summary>
    private List<(string Name, string Path)> Cases()
    {
        var cases = new List<(string, string)>();
        string Write(string name, byte[] bytes)
        {
            var path = _root.Combine("cases", name + ".json");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
            return path;
        }

        string Text(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

        // Wrong types and extreme numbers in every numeric field: a fixed-seed sample of the cross product.
        var random = new System.Random(13);
        var pairs = NumericFields.SelectMany(f => BadValues.Select(v => (f, v))).OrderBy(_ => random.Next()).Take(24);
        foreach (var (field, value) in pairs)
        {
            var name = $"{field.Replace('.', '-')}-{Convert.ToHexString(Encoding.UTF8.GetBytes(value))}";
            cases.Add((name, Text(name, Scenario(field, value))));
        }

        // The two money inputs the issue names, always.
        cases.Add(("pretax-1e308", Text("pretax-1e308", Scenario("account.pretaxBalance", "1e308"))));
        cases.Add(("other-income-1e308", Text("other-income-1e308", Scenario("taxes.otherIncome", "1e308"))));

        // Structure.
        cases.Add(("deep", Text("deep", "{\"name\": " + new string('[', 10_000) + new string(']', 10_000) + "}")));
        cases.Add(("deep-objects", Text("deep-objects", string.Concat(Enumerable.Repeat("{\"a\":", 500)) + "1" + new string('}', 500))));
        cases.Add(("huge-string", Text("huge-string", "{\"name\": \"" + new string('x', 900_000) + "\"}")));
        cases.Add(("huge-key", Text("huge-key", "{\"participant\": {\"" + new string('k', 900_000) + "\": 1}}")));
        cases.Add(("many-keys", Text("many-keys", "{" + string.Join(",", Enumerable.Range(0, 60_000).Select(i => $"\"k{i}\":1")) + "}")));
        cases.Add(("invalid-utf8", Write("invalid-utf8", [.. "{\"name\": \""u8.ToArray(), 0xC3, 0x28, .. "\"}"u8.ToArray()])));
        cases.Add(("lone-surrogate", Text("lone-surrogate", Scenario("participant.salary", "90000").Replace("\"h\"", "\"\\ud800\"", StringComparison.Ordinal))));
        cases.Add(("duplicate-key", Text("duplicate-key", Scenario("participant.salary", "90000").Replace("\"salary\": 90000", "\"salary\": 90000, \"salary\": 1", StringComparison.Ordinal))));
        cases.Add(("name-newline", Text("name-newline", Scenario("participant.salary", "90000").Replace("\"h\"", "\"h\\n\"", StringComparison.Ordinal))));
        cases.Add(("not-an-object", Text("not-an-object", "[1, 2, 3]")));
        cases.Add(("nul", Write("nul", [.. "{\"name\": \"h\"}"u8.ToArray(), 0])));
        cases.Add(("too-large", Text("too-large", "{\"description\": \"" + new string('x', 1_100_000) + "\"}")));

        // Paths that are not regular files, as the scenario.
        cases.Add(("dev-zero", "/dev/zero"));
        cases.Add(("dev-urandom", "/dev/urandom"));
        cases.Add(("folder", _root.Combine("cases")));
        cases.Add(("fifo", Fifo("scenario.fifo")));

        // ... and as the history.
        Fifo("history.fifo");
        File.WriteAllBytes(_root.Combine("cases", "nul.csv"), [.. "year,stocks,bonds,cash,inflation\n2000,0.1,0.05,0.02,0.03\n"u8.ToArray(), 0]);
        File.WriteAllText(_root.Combine("cases", "short.csv"), "year,stocks,bonds,cash,inflation\n2000,0.1,0.05,0.02,0.03\n2001,0.1,0.05,0.02,0.03\n");
        File.WriteAllText(_root.Combine("cases", "passwd-like.txt"), "root:x:0:0:root:/root:/bin/bash\n");
        File.CreateSymbolicLink(_root.Combine("cases", "link.csv"), _root.Combine("cases", "passwd-like.txt"));
        cases.Add(("history-dev-zero", Text("history-dev-zero", WithHistory("/dev/zero"))));
        cases.Add(("history-dev-urandom", Text("history-dev-urandom", WithHistory("/dev/urandom"))));
        cases.Add(("history-fifo", Text("history-fifo", WithHistory("history.fifo"))));
        cases.Add(("history-nul", Text("history-nul", WithHistory("nul.csv"))));
        cases.Add(("history-short", Text("history-short", WithHistory("short.csv", "historical"))));
        cases.Add(("history-link", Text("history-link", WithHistory("link.csv"))));
        cases.Add(("history-folder", Text("history-folder", WithHistory("."))));
        return cases;
    }

    private string Fifo(string name)
    {
        var path = _root.Combine("cases", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var mkfifo = Process.Start("mkfifo", [path])!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    [Fact]
    public async Task EveryHostileScenario_ExitsNonZero_WithAJsonPathMessage_NoStackTrace_AndWritesNothing()
    {
        var cases = Cases();
        Assert.True(cases.Count >= 45, $"{cases.Count} cases");
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (c, _) =>
        {
            var output = _root.Combine("out-" + c.Name);
            using var process = WorkerProcess.Start(_root.Path, "run", c.Path, "--out", output, "--paths", "50");
            try
            {
                await process.WaitForExitAsync(TimeSpan.FromSeconds(120));
            }
            catch (OperationCanceledException)
            {
                failures.Add($"{c.Name}: still running after 120 s");
                return;
            }

            // The asynchronous readers may still be draining the pipes.
            await Task.Delay(50, CancellationToken.None);
            var stderr = process.StdErr;
            var problems = new List<string>();
            if (process.ExitCode is not (1 or 2))
            {
                problems.Add($"exit {process.ExitCode}");
            }

            if (!stderr.Any(l => l.TrimStart().StartsWith('$')))
            {
                problems.Add("no '$…' line");
            }

            if (stderr.Concat(process.StdOut).Any(l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal)
                                                        || l.Contains("Exception", StringComparison.Ordinal)))
            {
                problems.Add("a stack trace");
            }

            if (stderr.Any(l => l.Contains("root:", StringComparison.Ordinal)))
            {
                problems.Add("quoted the file's content");
            }

            if (Directory.Exists(output))
            {
                problems.Add("wrote " + output);
            }

            if (problems.Count > 0)
            {
                failures.Add($"{c.Name}: {string.Join(", ", problems)} | {string.Join(" / ", stderr.Take(4)).Substring(0, Math.Min(400, string.Join(" / ", stderr.Take(4)).Length))}");
            }
        });

        Assert.True(failures.IsEmpty, string.Join("\n", failures.Order(StringComparer.Ordinal)));
    }
}
