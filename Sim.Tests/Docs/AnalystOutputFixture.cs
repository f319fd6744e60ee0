using Sim.Engine.Scenarios;
using Sim.Worker.Output;
using Sim.Worker.Runs;

namespace Sim.Tests.Docs;

/// <summary>
/// Real worker output in a temporary folder, laid out as docs/analysts.md describes it:
/// <c>out/baseline/</c> (one run with <c>--paths-out</c>) and a two-night Hive history
/// <c>out/nightly/date=.../scenario=baseline/stress=.../</c> made of further runs (another seed on the second
/// night; a stress overlay with a crash in the first year of retirement) and of a second scenario,
/// <see cref="OtherScenario"/>, unstressed, so a snippet that mixes scenarios gets a different number.
/// </summary>
public sealed class AnalystOutputFixture : IAsyncLifetime
{
    public const int Paths = 300;
    public static readonly string[] Nights = ["2026-01-05", "2026-01-06"];
    public static readonly string[] Stresses = ["none", "crash-at-retirement"];

    /// <summary>The second scenario of the nightly history: the baseline with four times the savings and a 2.5% first-year withdrawal (success near 1).</summary>
    public const string OtherScenario = "saver";

    public string Root { get; } = Directory.CreateTempSubdirectory("sim-analysts-").FullName;

    public string RunDirectory => Path.Combine(Root, "out", "baseline");

    public static Scenario Baseline => new()
    {
        Name = "baseline",
        Simulation = new SimulationSettings { Paths = Paths, Seed = 7, StartYear = 2026 },
        Participant = new Participant { BirthYear = 1981, RetirementAge = 65, EndAge = 95, Salary = 95_000 },
        Account = new Account { PretaxBalance = 180_000, RothBalance = 20_000 },
    };

    public static Scenario Crash => Baseline with
    {
        Returns = Baseline.Returns with
        {
            Shocks = [new Shock { YearsAfterRetirement = 0, Stocks = -0.40 }],
        },
    };

    public async Task InitializeAsync()
    {
        var ct = CancellationToken.None;
        await ScenarioRunner.RunAsync(Baseline, Json("baseline", 7), null, new RunOverrides(PathsOut: true), RunDirectory,
            null, ct);

        for (int night = 0; night < Nights.Length; night++)
        {
            foreach (string stress in Stresses)
            {
                var scenario = stress == "none" ? Baseline : Crash;
                ulong seed = 7 + (ulong)night;
                string dir = Path.Combine(Root, "out", "nightly", $"date={Nights[night]}", "scenario=baseline",
                    $"stress={stress}");
                await ScenarioRunner.RunAsync(scenario, Json(stress, seed), null, new RunOverrides(Seed: seed), dir, null, ct);
            }

            var saver = Baseline with
            {
                Name = OtherScenario,
                Account = new Account { PretaxBalance = 720_000, RothBalance = 80_000 },
                Withdrawals = new Withdrawals { Strategy = new FixedRealStrategy { InitialRate = 0.025 } },
            };
            await ScenarioRunner.RunAsync(saver, Json(OtherScenario, 7 + (ulong)night), null, new RunOverrides(Seed: 7 + (ulong)night),
                Path.Combine(Root, "out", "nightly", $"date={Nights[night]}", $"scenario={OtherScenario}", "stress=none"), null, ct);
        }

        // The three answers of docs/analysts.md, "Answers to advisors' questions", laid out as the CLI writes them.
        string Out(string folder) => Path.Combine(Root, "out", folder);
        Sim.Worker.Analysis.AnalysisRequest Request(Sim.Worker.Analysis.AnalysisKind kind, params Scenario[] s) => new()
        {
            Kind = kind,
            ScenarioJsons = s.Select(x => Json(x.Name, 7)).ToList(),
            ScenarioNames = s.Select(x => x.Name).ToList(),
            Field = kind == Sim.Worker.Analysis.AnalysisKind.Solve ? "withdrawals.amount" : null,
            Target = kind == Sim.Worker.Analysis.AnalysisKind.Solve ? "success=0.9" : null,
            Paths = Paths,
            Seed = 7,
        };
        await Sim.Worker.Analysis.AnalysisRunner.RunAsync(Request(Sim.Worker.Analysis.AnalysisKind.Solve, Baseline), [Baseline], null, 0, Out, null, ct);
        await Sim.Worker.Analysis.AnalysisRunner.RunAsync(Request(Sim.Worker.Analysis.AnalysisKind.Sensitivity, Baseline), [Baseline], null, 0, Out, null, ct);
        var crash = Crash with { Name = "crash" };
        await Sim.Worker.Analysis.AnalysisRunner.RunAsync(Request(Sim.Worker.Analysis.AnalysisKind.Compare, Baseline, crash), [Baseline, crash], null, 0, Out, null, ct);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Stands in for the scenario file's text, which only feeds run_id and the metadata.</summary>
    private static string Json(string variant, ulong seed) =>
        $"{{\"name\":\"baseline\",\"variant\":\"{variant}\",\"seed\":{seed}}}";

    /// <summary>The files of one run, for schema checks.</summary>
    public IEnumerable<string> RunFiles =>
    [
        ResultParquet.PercentilesFile, ResultParquet.YearlyFile, ResultParquet.SummaryFile, ResultParquet.PathsFile,
    ];
}
