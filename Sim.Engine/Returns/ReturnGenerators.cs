using Sim.Engine.Scenarios;
using Sim.Engine.Simd;

namespace Sim.Engine.Returns;

/// <summary>Builds the return model a scenario names (spec 3).</summary>
public static class ReturnGenerators
{
    /// <summary>
    /// The generator for <paramref name="scenario"/>. <paramref name="history"/> is used by the bootstrap and
    /// historical models: pass the parsed <c>returns.history</c> CSV (<see cref="MarketHistory.ParseCsv"/>) when the
    /// scenario names one, or null for the built-in Damodaran history. <paramref name="width"/> only changes speed:
    /// every width gives the same bits. <paramref name="demand"/> names the assets the caller reads (default: all);
    /// the others may be left at their mean, and the ones it reads have the same values whatever the demand.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid model parameters, with a message fit for the user.</exception>
    public static IReturnGenerator Create(Scenario scenario, MarketHistory? history, SimdWidth width = SimdWidth.Auto,
        ReturnDemand? demand = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.Years < 1)
        {
            throw new ArgumentException($"the scenario simulates no years (start {scenario.FirstYear}, last {scenario.LastYear})");
        }

        if (scenario.Years >= Random.CounterLayout.YearLimit)
        {
            throw new ArgumentException($"the scenario simulates {scenario.Years} years; the random-number layout allows fewer than {Random.CounterLayout.YearLimit}");
        }

        if (scenario.Simulation.Paths < 1 && scenario.Returns.Model != ReturnModelKind.Historical)
        {
            throw new ArgumentException($"the scenario needs at least one path (paths = {scenario.Simulation.Paths})");
        }

        switch (scenario.Returns.Model)
        {
            case ReturnModelKind.Lognormal:
            case ReturnModelKind.StudentT:
                return new CorrelatedReturnGenerator(scenario, width, demand ?? ReturnDemand.All);
            case ReturnModelKind.Bootstrap:
            case ReturnModelKind.Historical:
                if (history is null && scenario.Returns.History is not null)
                {
                    throw new ArgumentException($"the scenario names the history file '{scenario.Returns.History}'; load it with MarketHistory.ParseCsv and pass it in");
                }

                return new HistoryReturnGenerator(scenario, history ?? MarketHistory.BuiltIn(), width);
            default:
                throw new ArgumentException($"unknown return model {scenario.Returns.Model}");
        }
    }
}
