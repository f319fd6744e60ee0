using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Sim.Worker.Jobs;
using Sim.Worker.Server;

namespace Sim.Tests.Worker;

/// <summary>
/// Issue 9 F4: one scenario file gets one run id from the <c>run</c> verb, the HTTP API and the nightly stress
/// suite (the stress suite used to hash the file text as written, the others its canonical form).
/// </summary>
public sealed partial class OneRunIdentityFacts : IDisposable
{
    private readonly ScratchFolder _root = new("sim-identity");

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task TheSameScenario_GetsTheSameId_FromRunTheApiAndTheStressSuite()
    {
        // Comments, odd spacing, numbers spelled two ways, no name (the file name gives it): canonical form matters.
        var library = TestScenarios.WriteLibrary(_root.Path, [("ident", """
            {
              // a client
              "simulation": { "paths": 300, "seed": 7, "startYear": 2026 },
              "participant": { "birthYear": 1970, "retirementAge": 65.0, "salary": 9e4 },
              "account":     { "pretaxBalance": 250000 }
            }
            """)]);
        var file = Path.Combine(library, "ident.json");
        var settings = new JobSettings { OutputDirectory = _root.Combine("out"), ScenariosDirectory = library };

        // The API.
        var reader = new RunRequestReader(new RunEngine(), settings, TimeProvider.System);
        var parsed = reader.Read("""{"scenario": "ident"}"""u8, null, null);
        Assert.NotNull(parsed.Request);
        var apiId = parsed.Request!.ComputeId();

        // The run verb.
        var (exit, stdout, stderr) = await WorkerProcess.RunAsync(_root.Path, "run", file, "--out", _root.Combine("cli"));
        Assert.True(exit == 0, string.Join("\n", stderr));
        var cliId = RunIdInSummary().Match(string.Join("\n", stdout)).Groups[1].Value;

        // The nightly stress suite.
        var suite = new StressSuite(new RunEngine(), settings, TimeProvider.System, NullLogger<StressSuite>.Instance);
        var result = await suite.RunAsync(new DateOnly(2026, 3, 10), null, CancellationToken.None);
        Assert.NotEmpty(result.Rows);
        var summary = Directory.EnumerateFiles(_root.Combine("out"), "summary.parquet", SearchOption.AllDirectories)
            .Single(p => p.Contains("stress=none", StringComparison.Ordinal));
        var stressId = (string)DuckDb.Scalar($"SELECT run_id FROM read_parquet('{DuckDb.Quote(summary)}')")!;

        Assert.Matches("^[0-9a-f]{16}$", apiId);
        Assert.Equal(apiId, cliId);
        Assert.Equal(apiId, stressId);
    }

    [GeneratedRegex(@"\(run ([0-9a-f]{16}),")]
    private static partial Regex RunIdInSummary();
}
