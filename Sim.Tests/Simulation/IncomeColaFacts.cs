using Sim.Engine.Simulation;
using Sim.Tests.Scenarios;

namespace Sim.Tests.Simulation;

/// <summary>Statistical: Social Security follows each path's own inflation (docs/model.md section 11).</summary>
public class IncomeColaFacts
{
    [Fact]
    public void BenefitRatioBetweenYears_IsOnePlusThatPathsInflation_AndAveragesTheInflationMean()
    {
        // Born 1960, claimed at 62 in July 2022: full years from 2026. Inflation N(2.5 %, 1.5 %).
        var s = ScenarioTestSupport.Valid("""
            {
              "simulation": { "paths": 4000, "seed": 11, "startYear": 2026 },
              "participant": { "birthYear": 1960, "retirementAge": 62, "endAge": 70 },
              "account": { "pretaxBalance": 1000000 },
              "withdrawals": { "strategy": "rmdOnly" },
              "income": [ { "type": "socialSecurity", "pia": 1500, "claimAge": 62 } ]
            }
            """);
        var observer = new Ratios();
        SimulationEngine.Run(s, new SimulationOptions(), observer: observer);

        // Per path: income(Y+1) / income(Y) = I(Y+1) / I(Y) = 1 + inflation(Y), with I from balance / balance_real.
        Assert.Equal(4000 * 4, observer.Count); // 2027-2030 against the year before
        Assert.True(observer.WorstRelativeError < 1e-12, $"worst {observer.WorstRelativeError}");

        // Across paths the mean of inflation(Y) is 2.5 % within four Monte Carlo standard errors (sd 1.5 % / sqrt n).
        double n = observer.Count, mean = observer.Sum / n;
        double se = Math.Sqrt((observer.SumSq / n - mean * mean) / n);
        Assert.InRange(se, 0.0001, 0.0005);
        Assert.InRange(mean, 0.025 - 4 * se, 0.025 + 4 * se);
    }

    /// <summary>income(Y) / income(Y−1) against I(Y) / I(Y−1), the indexes read back as balance / balance_real at
    /// the end of the two years before.</summary>
    private sealed class Ratios : IYearObserver
    {
        private double[]? _previousIncome;
        private double[]? _closing1; // I(Y), the index at the end of Y−1
        private double[]? _closing2; // I(Y−1)

        public int Count { get; private set; }
        public double WorstRelativeError { get; private set; }
        public double Sum { get; private set; }
        public double SumSq { get; private set; }

        public void OnYear(YearPlan year, YearMetrics m, int paths)
        {
            var income = m[Metric.Income].Take(paths).ToArray();
            var closing = Enumerable.Range(0, paths).Select(i => m[Metric.Balance][i] / m[Metric.BalanceReal][i]).ToArray();
            _closing1 ??= Enumerable.Repeat(1.0, paths).ToArray(); // I(startYear) = 1
            if (_previousIncome is not null && _closing2 is not null)
            {
                for (int i = 0; i < paths; i++)
                {
                    double ratio = income[i] / _previousIncome[i];
                    double expected = _closing1[i] / _closing2[i];
                    WorstRelativeError = Math.Max(WorstRelativeError, Math.Abs(ratio - expected) / expected);
                    Sum += ratio - 1;
                    SumSq += (ratio - 1) * (ratio - 1);
                    Count++;
                }
            }

            _closing2 = _closing1;
            _closing1 = closing;
            _previousIncome = income;
        }
    }
}
