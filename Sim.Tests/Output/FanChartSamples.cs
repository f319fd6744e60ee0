using Sim.Engine.Scenarios;
using Sim.Engine.Simulation;

namespace Sim.Tests.Output;

/// <summary>Hand-built results for chart tests: no engine run, every number known in advance.</summary>
internal static class FanChartSamples
{
    /// <summary>A 35-year-old born 1991 retiring at 65 (first RMD at 75), ages 35-95 (2026-2086). The real median
    /// rises linearly from $100,000 to $1,000,000 at 65 and falls linearly to $200,000 at 95; level p in year
    /// index t sits at max(0, median × (1 + 0.024 × (p − 50) × √((t+1)/61))), so bands widen with time and never
    /// cross. Every other metric is 1.5 times balance_real, so a chart that plots the wrong metric is seen.</summary>
    public static SimulationResult Baseline(IReadOnlyList<double>? levels = null, double success = 0.873,
        string name = "baseline", int retirementAge = 65)
    {
        levels ??= [5, 10, 25, 50, 75, 90, 95];
        var scenario = new Scenario
        {
            Name = name,
            Simulation = new SimulationSettings { Paths = 10_000, Seed = 1, StartYear = 2026, Percentiles = levels },
            Participant = new Participant { BirthYear = 1991, RetirementAge = retirementAge, EndAge = 95, Salary = 85_000 },
        };
        int years = scenario.Years;
        var ages = Enumerable.Range(0, years).Select(t => 35 + t).ToArray();
        var yrs = Enumerable.Range(0, years).Select(t => 2026 + t).ToArray();
        var pct = new double[Metrics.Count, years, levels.Count];
        for (int t = 0; t < years; t++)
        {
            for (int j = 0; j < levels.Count; j++)
            {
                double m = Median(ages[t], retirementAge);
                double spread = 0.024 * (levels[j] - 50) * Math.Sqrt((t + 1) / (double)years);
                double v = Math.Max(0, m * (1 + spread));
                for (int k = 0; k < Metrics.Count; k++)
                {
                    pct[k, t, j] = k == (int)Metric.BalanceReal ? v : v * 1.5;
                }
            }
        }

        double[] zeros = new double[years];
        return new SimulationResult
        {
            Scenario = scenario,
            Paths = 10_000,
            Seed = 1,
            EngineVersion = "test",
            Notes = [],
            Width = Sim.Engine.Simd.SimdWidth.Scalar,
            Levels = levels,
            Years = yrs,
            Ages = ages,
            Percentiles = pct,
            Yearly = new YearlyFigures(zeros, zeros, zeros, zeros, zeros),
            Summary = new RunSummary
            {
                SuccessProbability = success,
                TerminalNominal = new double[levels.Count],
                TerminalReal = new double[levels.Count],
                PeakAge = retirementAge,
                MedianFailureAge = double.NaN,
                MeanTotalTaxes = 0,
                MedianTotalTaxes = 0,
                LoanRequestsCut = 0,
            },
        };
    }

    /// <summary>$100,000 at 35 rising linearly to $1,000,000 at retirement, then falling to $200,000 at 95.</summary>
    public static double Median(int age, int retirementAge) => age <= retirementAge
        ? 100_000 + ((age - 35) * 900_000.0 / (retirementAge - 35))
        : 1_000_000 - ((age - retirementAge) * 800_000.0 / (95 - retirementAge));
}
