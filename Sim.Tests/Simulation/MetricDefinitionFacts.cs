using Sim.Engine.Simulation;
using Sim.Tests.Docs;

namespace Sim.Tests.Simulation;

/// <summary>The metric definitions are the one source of the count, the names and the analysts' table.</summary>
public class MetricDefinitionFacts
{
    [Fact]
    public void Definitions_AreInTheEnumsOrder_AndGiveTheCountAndNames()
    {
        Assert.Equal(Enum.GetValues<Metric>(), Metrics.Definitions.Select(d => d.Metric));
        Assert.Equal(Enum.GetValues<Metric>().Length, Metrics.Count);
        Assert.Equal(Metrics.Definitions.Select(d => d.Name), Metrics.All);
        Assert.Equal("net_income_real", Metric.NetIncomeReal.Name());
    }

    [Fact]
    public void AnalystsGuide_MetricsTable_IsTheDefinitions_RowByRow()
    {
        var rows = AnalystGuide.Text.Split('\n')
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal)
                        && Metrics.All.Any(n => l.StartsWith($"| `{n}` | ", StringComparison.Ordinal)))
            .Select(l => l.TrimEnd())
            .ToArray();
        Assert.Equal(Metrics.Definitions.Select(d => $"| `{d.Name}` | {d.Unit} | {d.Description} |"), rows);
    }
}
