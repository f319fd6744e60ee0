namespace Sim.Tests.Random;

/// <summary>Sample statistics for the Monte Carlo tests; tolerances come from standard errors.</summary>
internal static class Stats
{
    public static double Mean(IReadOnlyList<double> x)
    {
        double s = 0;
        foreach (double v in x)
        {
            s += v;
        }

        return s / x.Count;
    }

    /// <summary>Central moment of order k.</summary>
    public static double CentralMoment(IReadOnlyList<double> x, int k)
    {
        double m = Mean(x);
        double s = 0;
        foreach (double v in x)
        {
            s += Math.Pow(v - m, k);
        }

        return s / x.Count;
    }

    public static double Variance(IReadOnlyList<double> x) => CentralMoment(x, 2);

    public static double Correlation(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        double mx = Mean(x), my = Mean(y);
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Count; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        return sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>Asserts |actual − expected| &lt; 4·se.</summary>
    public static void Near(double expected, double actual, double se, string what)
    {
        Assert.True(Math.Abs(actual - expected) < 4 * se,
            $"{what}: {actual:R} vs expected {expected:R}, |diff| = {Math.Abs(actual - expected):G4} >= 4 SE = {4 * se:G4}");
    }

    /// <summary>Asserts a sample variance is within 4 SE of the expected one, SE from the sample's fourth moment.</summary>
    public static void VarianceNear(double expected, IReadOnlyList<double> x, string what)
    {
        double m2 = Variance(x);
        double m4 = CentralMoment(x, 4);
        Near(expected, m2, Math.Sqrt((m4 - m2 * m2) / x.Count), what);
    }

    /// <summary>Bits of every element, for exact comparisons with readable failures.</summary>
    public static long[] Bits(ReadOnlySpan<double> x)
    {
        long[] bits = new long[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            bits[i] = BitConverter.DoubleToInt64Bits(x[i]);
        }

        return bits;
    }
}
