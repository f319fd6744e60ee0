using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;
using Sim.Engine.Scenarios;
using Sim.Engine.Simulation;
using Sim.Engine.Statistics;

namespace Sim.Bench;

/// <summary>
/// The plain baseline: the same scenario written the way a C# developer would first write it. One path at a time,
/// one year at a time, MathNet's <see cref="Normal"/> sampler for the draws, a MathNet matrix-vector product for the
/// correlation, every path-year's metrics kept in memory, and a sort per year and metric for the percentiles. It
/// reuses the engine's per-year plan (contributions, limits, RMD divisors) so both do the same financial work.
/// </summary>
public static class NaiveSimulation
{
    /// <summary>Whether the plain baseline implements <paramref name="scenario"/>'s withdrawal strategy (fixedReal only).</summary>
    public static bool Supports(Scenario scenario) => scenario.Withdrawals.Strategy is FixedRealStrategy;

    public static double[,,] Run(Scenario scenario, int paths)
    {
        var plan = YearPlan.Build(scenario);
        var r = scenario.Returns;
        MeanStdev[] assets = [r.Stocks, r.Bonds, r.Cash, r.Reits];
        var corr = Matrix<double>.Build.Dense(5, 5, (i, j) => r.Correlation[i][j]);
        var chol = corr.Cholesky().Factor;
        var normal = new Normal(0, 1, new MersenneTwister((int)scenario.Simulation.Seed));
        double er = scenario.Fees.ExpenseRatio;
        int years = plan.Length;
        var values = new double[years][][];
        for (int t = 0; t < years; t++)
        {
            values[t] = new double[Metrics.Count][];
            for (int k = 0; k < Metrics.Count; k++)
            {
                values[t][k] = new double[paths];
            }
        }

        for (int p = 0; p < paths; p++)
        {
            double pre = scenario.Account.PretaxBalance, roth = scenario.Account.RothBalance, index = 1, target = 0;
            for (int t = 0; t < years; t++)
            {
                var y = plan[t];
                var eps = Vector<double>.Build.Dense(5, _ => normal.Sample());
                var z = chol * eps;
                var ret = new double[4];
                for (int a = 0; a < 4; a++)
                {
                    double s2 = Math.Log(1 + assets[a].Stdev * assets[a].Stdev / ((1 + assets[a].Mean) * (1 + assets[a].Mean)));
                    double m = Math.Log(1 + assets[a].Mean) - s2 / 2;
                    ret[a] = Math.Exp(m + Math.Sqrt(s2) * z[a]) - 1;
                }

                double inflation = r.Inflation.Mean + r.Inflation.Stdev * z[4];
                double w = 0, rmd = 0;
                if (!y.Employed)
                {
                    double opening = pre + roth;
                    target = y.FirstDistributionYear ? ((FixedRealStrategy)scenario.Withdrawals.Strategy).InitialRate * opening : target * (1 + inflation);
                    rmd = y.RmdDivisor > 0 ? pre / y.RmdDivisor : 0;
                    w = Math.Min(Math.Max(target, rmd), opening);
                    double fromPre = opening > 0 ? rmd + (w - rmd) * (pre - rmd) / (opening - rmd) : 0;
                    pre -= fromPre;
                    roth -= w - fromPre;
                }

                double tax = scenario.Taxes.Rate * w;
                double R = y.Weights.Stocks * ret[0] + y.Weights.Bonds * ret[1] + y.Weights.Cash * ret[2] + y.Weights.Reits * ret[3];
                double fee = (pre + roth) * (1 + R) * er;
                pre = pre * (1 + R) * (1 - er) + y.EmployeePretax + y.Match + y.NonElective;
                roth = roth * (1 + R) * (1 - er) + y.EmployeeRoth;
                index *= 1 + inflation;
                double[] row =
                [
                    pre + roth, (pre + roth) / index, pre, roth, y.EmployeeTotal, y.EmployerTotal, w, rmd, tax, 0, fee,
                    (w - tax) / index, 0, 0, 0, // loan balance, forfeitures, income: none in the plain baseline's model
                ];
                if (row.Length != Metrics.Count)
                {
                    throw new InvalidOperationException($"the plain baseline fills {row.Length} metrics, the engine has {Metrics.Count}: add the new one here");
                }

                for (int k = 0; k < Metrics.Count; k++)
                {
                    values[t][k][p] = row[k];
                }
            }
        }

        double[] levels = [.. scenario.Simulation.Percentiles];
        var result = new double[Metrics.Count, years, levels.Length];
        var dest = new double[levels.Length];
        for (int t = 0; t < years; t++)
        {
            for (int k = 0; k < Metrics.Count; k++)
            {
                Percentiles.ComputeBySorting(values[t][k], levels, dest);
                for (int j = 0; j < levels.Length; j++)
                {
                    result[k, t, j] = dest[j];
                }
            }
        }

        return result;
    }
}
