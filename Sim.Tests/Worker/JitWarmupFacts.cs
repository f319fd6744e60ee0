using Sim.Engine.Scenarios;
using Sim.Engine.Simulation;
using Sim.Tests.Simulation;
using Sim.Worker.Runs;

namespace Sim.Tests.Worker;

/// <summary>
/// The JIT warm-up ignores its own failures (it is only an optimization), so a built-in scenario the engine or the
/// writers stopped accepting would silently cost every first run its compile time again. These facts make that
/// failure visible.
/// </summary>
public class JitWarmupFacts
{
    [Fact]
    public void TheBuiltInScenario_RunsTheSameNumbersAsTheMinimalFile_ParsedAndValidated()
    {
        var built = JitWarmup.Scenario(2026);
        var parsed = ScenarioJson.Parse("""
            { "name": "warm-up", "simulation": { "paths": 64 },
              "participant": { "birthYear": 1991, "salary": 85000, "retirementAge": 65 }, "account": { "pretaxBalance": 60000 } }
            """, 2026);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        Assert.IsType<FixedRealStrategy>(built.Withdrawals.Strategy);
        var options = new SimulationOptions { Threads = 1 };
        Assert.Equal(FingerprintFacts.Fingerprint(SimulationEngine.Run(parsed.Scenario!, options)),
            FingerprintFacts.Fingerprint(SimulationEngine.Run(built, options)));
    }

    [Fact]
    public void TheWarmUpsWork_RunsTheEngine_AndWritesEveryResultFile_WithoutAnError()
    {
        var result = JitWarmup.RunEngine(2026);
        Assert.Equal(64, result.Paths);
        Assert.Null(Record.Exception(() => JitWarmup.WriteFiles(2026)));
    }

    [Fact]
    public void ThePlaceholder_HasTheShapeOfARealResult_OneYearLong()
    {
        var real = JitWarmup.RunEngine(2026);
        var placeholder = JitWarmup.Placeholder(JitWarmup.Scenario(2026));
        Assert.Equal(real.Levels, placeholder.Levels);
        Assert.Equal(real.Percentiles.GetLength(0), placeholder.Percentiles.GetLength(0));
        Assert.Equal(1, placeholder.Percentiles.GetLength(1));
        Assert.Equal(real.Percentiles.GetLength(2), placeholder.Percentiles.GetLength(2));
        Assert.Equal(real.Years[0], placeholder.Years[0]);
        Assert.Equal(real.Ages[0], placeholder.Ages[0]);
        Assert.Equal(real.Summary.TerminalNominal.Length, placeholder.Summary.TerminalNominal.Length);
    }
}
