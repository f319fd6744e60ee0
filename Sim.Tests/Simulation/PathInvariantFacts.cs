using Sim.Engine.Scenarios;
using Sim.Engine.Simulation;
using Sim.Tests.Scenarios;
using Sim.Worker.Scenarios;

namespace Sim.Tests.Simulation;

/// <summary>Laws that hold on every path in every year, checked on the raw per-path metrics of shipped scenarios.</summary>
public class PathInvariantFacts
{
    public static IEnumerable<object[]> Scenarios() =>
    [
        ["baseline.json"], ["roth-401k.json"], ["loan-then-leave.json"], ["early-retiree-rule-of-55.json"],
        ["high-earner-limits.json"], ["young-spouse-joint-table.json"],
    ];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void EveryPathYear_HasNoNegativeAmount_AndBalanceIsTheSumOfItsParts(string file)
    {
        var loaded = ScenarioFile.Load(Path.Combine(ScenarioTestSupport.RepositoryRoot(), "scenarios", file));
        var check = new Check();
        SimulationEngine.Run(loaded.Result.Scenario!, new SimulationOptions { Paths = 3000 }, observer: check);
        Assert.Equal(0, check.Negative);
        Assert.True(check.WorstIdentity <= 1e-9, $"balance differs from its parts by {check.WorstIdentity}");
        Assert.True(check.WorstNet <= 1e-9, $"net income differs from (withdrawals - taxes - penalties) / I by {check.WorstNet}");
    }

    private sealed class Check : IYearObserver
    {
        public long Negative { get; private set; }
        public double WorstIdentity { get; private set; }
        public double WorstNet { get; private set; }

        public void OnYear(YearPlan year, YearMetrics m, int paths)
        {
            for (int k = 0; k < Metrics.Count; k++)
            {
                if ((Metric)k == Metric.NetIncomeReal)
                {
                    continue; // a deemed loan distribution's tax can exceed the year's withdrawal
                }

                Negative += m[k].Take(paths).Count(v => v < 0);
            }

            for (int i = 0; i < paths; i++)
            {
                double parts = m[Metric.PretaxBalance][i] + m[Metric.RothBalance][i] + m[Metric.LoanBalance][i];
                WorstIdentity = Math.Max(WorstIdentity, Math.Abs(m[Metric.Balance][i] - parts) / Math.Max(1, parts));
                double index = m[Metric.Balance][i] / m[Metric.BalanceReal][i];
                if (double.IsFinite(index) && m[Metric.Balance][i] > 1)
                {
                    double net = (m[Metric.Withdrawals][i] - m[Metric.Taxes][i] - m[Metric.Penalties][i]) / index;
                    double income = m[Metric.Income][i];
                    if (income == 0)
                    {
                        WorstNet = Math.Max(WorstNet, Math.Abs(m[Metric.NetIncomeReal][i] - net) / Math.Max(1, Math.Abs(net)));
                    }
                    else
                    {
                        // With income the household also keeps the income less its own tax, which lies in [0, income].
                        double low = net, high = net + income / index;
                        double v = m[Metric.NetIncomeReal][i];
                        double outside = Math.Max(0, Math.Max(low - v, v - high));
                        WorstNet = Math.Max(WorstNet, outside / Math.Max(1, Math.Abs(high)));
                    }
                }
            }
        }
    }
}
