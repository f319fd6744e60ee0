using MathNet.Numerics.LinearAlgebra;
using Sim.Engine.Random;
using Sim.Engine.Returns;
using Sim.Engine.Scenarios;
using Sim.Tests.Random;

namespace Sim.Tests.Returns;

public class StudentTModelFacts
{
    private const int Paths = 100_000;

    /// <summary>T of each component recovered from the returns: (ln(1+r) − m)/s, inflation (x − mean)/sd.</summary>
    private static double[][] Ts(double nu, int year, int paths = Paths, ulong seed = 77)
    {
        Scenario s = TestScenarios.With(ReturnModelKind.StudentT, paths, seed, r => r with { DegreesOfFreedom = nu });
        ReturnBlock b = TestScenarios.Fill(ReturnGenerators.Create(s, null), year, 0, paths);
        var r = s.Returns;
        double[] Z(double[] x, MeanStdev ms)
        {
            var p = LognormalParameters.From(ms, "asset");
            return [.. x.Take(paths).Select(v => (Math.Log(1 + v) - p.M) / p.S)];
        }

        return [Z(b.Stocks, r.Stocks), Z(b.Bonds, r.Bonds), Z(b.Cash, r.Cash), Z(b.Reits, r.Reits),
            [.. b.Inflation.Take(paths).Select(x => (x - r.Inflation.Mean) / r.Inflation.Stdev)]];
    }

    [Fact]
    public void T_HasUnitVariance_AndTheInputCorrelations()
    {
        const double nu = 10;
        double[][] t = Ts(nu, 0);
        for (int k = 0; k < 5; k++)
        {
            Stats.Near(0.0, Stats.Mean(t[k]), 1.0 / Math.Sqrt(Paths), $"mean of T{k}");
            Stats.VarianceNear(1.0, t[k], $"variance of T{k}");
        }

        // Elliptical distributions: SE of a correlation is (1 − ρ²)·sqrt(1 + κ)/sqrt(n), κ = (kurtosis − 3)/3 = 2/(ν − 4).
        double kappa = 2.0 / (nu - 4.0);
        var rho = Sim.Engine.Scenarios.Returns.DefaultCorrelation;
        foreach (var (i, j) in new[] { (0, 3), (2, 4), (1, 4), (0, 1) })
        {
            Stats.Near(rho[i][j], Stats.Correlation(t[i], t[j]), (1 - rho[i][j] * rho[i][j]) * Math.Sqrt(1 + kappa) / Math.Sqrt(Paths), $"corr(T{i}, T{j})");
        }
    }

    [Fact]
    public void T_HasHeavierTailsThanTheNormal_MatchingStudentT()
    {
        const double nu = 5;
        double[][] t = Ts(nu, 1);
        int m = 0, beyond = 0;
        foreach (double[] x in t)
        {
            m += x.Length;
            beyond += x.Count(v => Math.Abs(v) > 3);
        }

        double share = beyond / (double)m;
        // Unit-variance t: T = t_ν·sqrt((ν−2)/ν), so P(|T| > 3) = 2·(1 − F_ν(3/sqrt((ν−2)/ν))) ≈ 1.17%.
        double exact = 2 * (1 - MathNet.Numerics.Distributions.StudentT.CDF(0, 1, nu, 3 / Math.Sqrt((nu - 2) / nu)));
        double normal = 2 * MathNet.Numerics.Distributions.Normal.CDF(0, 1, -3);
        // The five components share W, so they are dependent: use the SE of one component times sqrt(5) as a bound.
        double se = Math.Sqrt(exact * (1 - exact) / m) * Math.Sqrt(5);
        Stats.Near(exact, share, se, "P(|T| > 3)");
        Assert.True(share - normal > 20 * se, $"tail share {share:P3} is not clearly above the normal's {normal:P3}");
        double kurtosis = Stats.CentralMoment(t[0], 4) / Math.Pow(Stats.Variance(t[0]), 2);
        Assert.True(kurtosis > 4.5, $"kurtosis {kurtosis} (normal: 3; t5: infinite in theory, 9 by 6/(ν−4) formula at ν=5)");
    }

    [Fact]
    public void AllFiveComponents_ShareOneChiSquareDrawPerPathYear()
    {
        const int n = 200, year = 6;
        const ulong seed = 5;
        const double nu = 5;
        double[][] t = Ts(nu, year, n, seed);
        // The generator correlates in its draw order (inflation, stocks, bonds, cash, REITs); t is in matrix order.
        var factor = Matrix<double>.Build.DenseOfArray(CorrelationFactor.ComputeInDrawOrder(Sim.Engine.Scenarios.Returns.DefaultCorrelation));
        double[] eps = new double[5 * n];
        NormalGenerator.Fill(seed, 0, year, RandomStreams.AssetNormals, 5, eps);
        double[] w = new double[n];
        NormalGenerator.FillChiSquare(seed, 0, year, RandomStreams.ChiSquare, nu, w);
        for (int i = 0; i < n; i++)
        {
            var z = factor * Vector<double>.Build.Dense(5, k => eps[k * n + i]);
            double scale = Math.Sqrt((nu - 2) / w[i]);
            for (int d = 0; d < 5; d++)
            {
                int k = CorrelationFactor.DrawOrder[d];
                Assert.Equal(z[d] * scale, t[k][i], 1e-8 * Math.Max(1, Math.Abs(t[k][i])));
            }
        }
    }
}
