using Sim.Engine.Simulation;
using Sim.Tests.Scenarios;
using Sim.Tests.Simulation;
using Sim.Worker.Runs;
using Sim.Worker.Scenarios;

namespace Sim.Tests.Worker;

/// <summary>
/// The JIT warm-up ignores its own failures (it is only an optimization), so a placeholder result the writers stopped
/// accepting would silently cost every first run its compile time again. These facts make that failure visible.
/// </summary>
public class JitWarmupFacts
{
    [Theory]
    [MemberData(nameof(ShippedScenarioRunFacts.Scenarios), MemberType = typeof(ShippedScenarioRunFacts))]
    public void ThePlaceholderResult_IsWrittenByEveryResultWriter_ForEveryShippedScenario(string file)
    {
        var scenario = ScenarioFile.Load(Path.Combine(ScenarioTestSupport.RepositoryRoot(), "scenarios", file)).Result.Scenario!;
        var e = Record.Exception(() => JitWarmup.WriteFiles(scenario));
        Assert.Null(e);
    }

    [Fact]
    public void ThePlaceholderResult_HasTheShapeOfARealOne_OneYearLong()
    {
        var scenario = ScenarioFile.Load(Path.Combine(ScenarioTestSupport.RepositoryRoot(), "scenarios", "baseline.json")).Result.Scenario!;
        var placeholder = JitWarmup.Placeholder(scenario);
        var real = SimulationEngine.Run(scenario, new SimulationOptions { Paths = 16 });
        Assert.Equal(real.Levels, placeholder.Levels);
        Assert.Equal(real.Percentiles.GetLength(0), placeholder.Percentiles.GetLength(0));
        Assert.Equal(real.Percentiles.GetLength(2), placeholder.Percentiles.GetLength(2));
        Assert.Equal(1, placeholder.Percentiles.GetLength(1));
        Assert.Equal(real.Years[0], placeholder.Years[0]);
        Assert.Equal(real.Ages[0], placeholder.Ages[0]);
        Assert.Equal(real.Summary.TerminalNominal.Length, placeholder.Summary.TerminalNominal.Length);
    }
}
