using System.Globalization;
using System.Text;
using Sim.Engine.Returns;
using Sim.Engine.Scenarios;
using Sim.Engine.Simd;

namespace Sim.Tests.Returns;

/// <summary>Scenarios and helpers for the return-model tests.</summary>
internal static class TestScenarios
{
    /// <summary>The default participant (born 1991, start 2026, end age 95: 61 years) with the given model.</summary>
    public static Scenario With(ReturnModelKind model, int paths = 5000, ulong seed = 1,
        Func<Sim.Engine.Scenarios.Returns, Sim.Engine.Scenarios.Returns>? returns = null)
    {
        var r = new Sim.Engine.Scenarios.Returns { Model = model };
        return new Scenario
        {
            Simulation = new SimulationSettings { Paths = paths, Seed = seed, StartYear = 2026 },
            Returns = returns is null ? r : returns(r),
        };
    }

    /// <summary>Fills paths [first, first + count) of one year in a fresh block.</summary>
    public static ReturnBlock Fill(IReturnGenerator generator, int year, long first, int count)
    {
        var block = new ReturnBlock(Math.Max(count, 1));
        generator.Fill(year, first, count, block);
        return block;
    }

    /// <summary>The five series of a block as one array, in order stocks, bonds, cash, reits, inflation.</summary>
    public static double[] Flatten(ReturnBlock b, int count) =>
        [.. b.Stocks.AsSpan(0, count), .. b.Bonds.AsSpan(0, count), .. b.Cash.AsSpan(0, count),
         .. b.Reits.AsSpan(0, count), .. b.Inflation.AsSpan(0, count)];

    /// <summary>A synthetic consecutive-year history CSV with <paramref name="rows"/> rows.</summary>
    public static string SyntheticCsv(int rows, bool reits, int seed = 3)
    {
        var rng = new System.Random(seed);
        var sb = new StringBuilder(reits ? "year,stocks,bonds,cash,inflation,reits\n" : "year,stocks,bonds,cash,inflation\n");
        for (int i = 0; i < rows; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{1000 + i},{rng.NextDouble() * 0.8 - 0.4:F6},{rng.NextDouble() * 0.2 - 0.05:F6},{rng.NextDouble() * 0.06:F6},{rng.NextDouble() * 0.08 - 0.02:F6}");
            if (reits)
            {
                sb.Append(CultureInfo.InvariantCulture, $",{rng.NextDouble() * 0.9 - 0.45:F6}");
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Every model with a history long enough for 4,200 paths in historical mode.</summary>
    public static IEnumerable<(string Name, Func<SimdWidth, IReturnGenerator> Make)> AllModels()
    {
        MarketHistory longHistory = MarketHistory.ParseCsv(SyntheticCsv(4300, reits: false), "synthetic");
        yield return ("lognormal", w => ReturnGenerators.Create(With(ReturnModelKind.Lognormal), null, w));
        yield return ("studentT", w => ReturnGenerators.Create(With(ReturnModelKind.StudentT), null, w));
        yield return ("bootstrap", w => ReturnGenerators.Create(With(ReturnModelKind.Bootstrap, returns: r => r with { BlockLength = 3 }), null, w));
        yield return ("historical", w => ReturnGenerators.Create(With(ReturnModelKind.Historical), longHistory, w));
    }
}
