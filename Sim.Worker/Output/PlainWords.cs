using System.Globalization;
using Sim.Engine.Scenarios;

namespace Sim.Worker.Output;

/// <summary>
/// What a run assumed and found, in words an advisor reads aloud (the CLI summary and the results page). The
/// technical notes (<c>lognormal returns: r = exp(m + s*Z) - 1 ...</c>) stay in the Parquet metadata for analysts.
/// </summary>
public static class PlainWords
{
    /// <summary>How market returns were made, in one sentence.</summary>
    public static string Returns(Scenario scenario)
    {
        var r = scenario.Returns;
        var source = r.History is null ? "the built-in 1928-2025 history" : $"the history file {r.History}";
        var text = r.Model switch
        {
            ReturnModelKind.StudentT => string.Create(CultureInfo.InvariantCulture,
                $"random yearly market returns with fat tails: crashes come more often than on a bell curve (Student-t, {r.DegreesOfFreedom:0.#} degrees of freedom)"),
            ReturnModelKind.Bootstrap => $"market years drawn at random from {source}, in blocks of {r.BlockLength} year(s)",
            ReturnModelKind.Historical => $"each path replays a run of actual years from {source}",
            _ => "random yearly market returns on a bell curve around the scenario's averages",
        };
        var stocks = string.Create(CultureInfo.InvariantCulture,
            $"stocks average {r.Stocks.Mean * 100:0.#}% a year, inflation {r.Inflation.Mean * 100:0.#}%");
        if (r.Model is ReturnModelKind.Lognormal or ReturnModelKind.StudentT)
        {
            text += "; " + stocks;
        }

        return r.Shocks.Count > 0 ? text + $", with {r.Shocks.Count} stress shock(s) applied" : text;
    }

    /// <summary>The age at which a series is largest (the first on ties); the ages and values are in step.</summary>
    public static int PeakAge(IReadOnlyList<int> ages, IReadOnlyList<double> values)
    {
        var best = 0;
        for (var i = 1; i < values.Count; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return ages[best];
    }
}
