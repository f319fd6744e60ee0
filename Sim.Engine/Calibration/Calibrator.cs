using Sim.Engine.Scenarios;

namespace Sim.Engine.Calibration;

/// <summary>
/// Estimates the lognormal return model's inputs (spec section 3) from a history, so the documented defaults can
/// be re-derived from data:
/// <list type="bullet">
/// <item>mean and stdev: the arithmetic mean and the sample (n − 1) standard deviation of the simple annual
/// returns, because the model takes the moments of the simple return and maps them to log-normal parameters
/// itself (E[1 + r] = 1 + mean exactly);</item>
/// <item>correlation: Pearson's correlation of the underlying normals (spec 12), i.e. of the log returns
/// ln(1 + r) of stocks, bonds, cash and REITs and of the raw inflation rate, which the model draws as a normal.</item>
/// </list>
/// A history without REITs keeps the scenario defaults for REITs (mean, stdev and the default matrix's REIT
/// row and column), and says so in <see cref="CalibrationResult.ReitsFromDefaults"/>.
/// </summary>
public static class Calibrator
{
    /// <summary>Fewest years of history a calibration accepts (a standard deviation needs two, a correlation three).</summary>
    public const int MinimumYears = 3;
    private const int Reits = 3;

    /// <summary>Estimates means, standard deviations and correlations from <paramref name="history"/>.</summary>
    /// <param name="history">The parsed history, at least <see cref="MinimumYears"/> years.</param>
    /// <returns>The estimates, ready to paste into <c>$.returns</c>.</returns>
    /// <exception cref="ArgumentException">The history has fewer than <see cref="MinimumYears"/> years.</exception>
    public static CalibrationResult Estimate(AnnualHistory history)
    {
        int n = history.Count;
        if (n < MinimumYears)
        {
            throw new ArgumentException($"{history.Name}: {n} years of history; calibration needs at least {MinimumYears}");
        }

        var columns = new[] { history.Stocks, history.Bonds, history.Cash, history.Reits, history.Inflation };
        string[] names = ["stocks", "bonds", "cash", "reits", "inflation"];
        for (int k = 0; k < columns.Length; k++)
        {
            if (columns[k] is { } c && c.Count != n)
            {
                throw new ArgumentException($"{history.Name}: {names[k]} has {c.Count} values for {n} years");
            }

            if (columns[k] is { } d && d.Any(v => !double.IsFinite(v) || (k < 4 && v <= -1)))
            {
                throw new ArgumentException(
                    $"{history.Name}: {names[k]} has a value that is not a finite number" +
                    (k < 4 ? " above -1 (a return of -100% or worse has no logarithm)" : ""));
            }
        }

        bool hasReits = history.Reits is not null;

        // The underlying normals: log returns of the assets, the raw rate for inflation.
        var normals = new double[5][];
        for (int k = 0; k < 5; k++)
        {
            if (columns[k] is not { } c)
            {
                continue;
            }

            normals[k] = k == 4 ? [.. c] : c.Select(r => Math.Log(1 + r)).ToArray();
        }

        var defaults = Scenarios.Returns.DefaultCorrelation;
        var correlation = new double[5, 5];
        for (int i = 0; i < 5; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                correlation[i, j] = i == j ? 1
                    : !hasReits && (i == Reits || j == Reits) ? defaults[i][j]
                    : SampleStatistics.Correlation(normals[i], normals[j]);
            }
        }

        return new CalibrationResult
        {
            Source = history.Name,
            FirstYear = history.Years[0],
            LastYear = history.Years[^1],
            Years = n,
            Stocks = Moments(history.Stocks),
            Bonds = Moments(history.Bonds),
            Cash = Moments(history.Cash),
            Reits = hasReits ? Moments(history.Reits!) : Scenarios.Returns.DefaultReits,
            Inflation = Moments(history.Inflation),
            Correlation = correlation,
            ReitsFromDefaults = !hasReits,
            IsPositiveDefinite = IsPositiveDefinite(correlation),
        };
    }

    private static MeanStdev Moments(IReadOnlyList<double> x) =>
        new(SampleStatistics.Mean(x), SampleStatistics.StandardDeviation(x));

    /// <summary>Cholesky factorisation succeeds with every pivot above a small tolerance.</summary>
    public static bool IsPositiveDefinite(double[,] a)
    {
        int n = a.GetLength(0);
        var l = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = a[i, j];
                for (int k = 0; k < j; k++)
                {
                    sum -= l[i, k] * l[j, k];
                }

                if (i == j)
                {
                    if (sum <= 1e-10)
                    {
                        return false;
                    }

                    l[i, i] = Math.Sqrt(sum);
                }
                else
                {
                    l[i, j] = sum / l[j, j];
                }
            }
        }

        return true;
    }
}
