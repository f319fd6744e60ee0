namespace Sim.Engine.Calibration;

/// <summary>Textbook sample moments, computed in two passes (mean first) for accuracy.</summary>
public static class SampleStatistics
{
    /// <summary>Arithmetic mean.</summary>
    public static double Mean(IReadOnlyList<double> x)
    {
        double sum = 0;
        for (int i = 0; i < x.Count; i++)
        {
            sum += x[i];
        }

        return sum / x.Count;
    }

    /// <summary>Sample standard deviation with Bessel's correction: sqrt(Σ(x − x̄)² / (n − 1)).</summary>
    public static double StandardDeviation(IReadOnlyList<double> x)
    {
        if (x.Count < 2)
        {
            throw new ArgumentException("a sample standard deviation needs at least two values", nameof(x));
        }

        double mean = Mean(x), ss = 0;
        for (int i = 0; i < x.Count; i++)
        {
            ss += (x[i] - mean) * (x[i] - mean);
        }

        return Math.Sqrt(ss / (x.Count - 1));
    }

    /// <summary>
    /// Pearson's correlation Σ(x − x̄)(y − ȳ) / sqrt(Σ(x − x̄)² Σ(y − ȳ)²). A constant series has no defined
    /// correlation; it is taken as uncorrelated (0), which is how the engine treats an asset with stdev 0.
    /// </summary>
    public static double Correlation(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"series lengths differ: {x.Count} and {y.Count}");
        }

        double mx = Mean(x), my = Mean(y), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Count; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        return sxx == 0 || syy == 0 ? 0 : Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1);
    }
}
