using MathNet.Numerics.LinearAlgebra;

namespace Sim.Engine.Returns;

/// <summary>
/// The lower Cholesky factor L of the 5 × 5 correlation matrix over (stocks, bonds, cash, REITs, inflation), so
/// that Z = L·ε has that correlation when ε is a vector of independent standard normals (spec 12: the matrix
/// applies to the underlying normals).
/// </summary>
public static class CorrelationFactor
{
    /// <summary>Matrix order: stocks, bonds, cash, REITs, inflation.</summary>
    public const int Size = 5;

    /// <summary>
    /// The order in which the correlated generator draws the five components: inflation, stocks, bonds, cash, REITs
    /// (entry d is the matrix index of draw d). Inflation comes first and REITs last so that a scenario needs only the
    /// normals up to its last varying component (docs/model.md, "Which normals are drawn"), and because a Cholesky
    /// row depends only on the rows before it, every scenario with the same matrix draws the same inflation, stocks,
    /// bonds and cash whatever else it holds (common random numbers for compare and solve).
    /// </summary>
    public static ReadOnlySpan<int> DrawOrder => [4, 0, 1, 2, 3];

    /// <summary>Row-major lower-triangular factor (entries above the diagonal are 0), in matrix order.</summary>
    /// <exception cref="ArgumentException">Not 5 × 5, not symmetric, diagonal not 1, entries outside [−1, 1], or not
    /// positive definite.</exception>
    public static double[,] Compute(IReadOnlyList<IReadOnlyList<double>> correlation) => Factor(Validated(correlation));

    /// <summary>The factor of the matrix permuted into <see cref="DrawOrder"/>: row d of the result belongs to
    /// component <c>DrawOrder[d]</c>. Errors name the entries in the scenario's own (matrix) order.</summary>
    public static double[,] ComputeInDrawOrder(IReadOnlyList<IReadOnlyList<double>> correlation)
    {
        double[,] a = Validated(correlation);
        var permuted = new double[Size, Size];
        for (int i = 0; i < Size; i++)
        {
            for (int j = 0; j < Size; j++)
            {
                permuted[i, j] = a[DrawOrder[i], DrawOrder[j]];
            }
        }

        return Factor(permuted);
    }

    private static double[,] Validated(IReadOnlyList<IReadOnlyList<double>> correlation)
    {
        ArgumentNullException.ThrowIfNull(correlation);
        if (correlation.Count != Size || correlation.Any(row => row is null || row.Count != Size))
        {
            throw new ArgumentException("the correlation matrix must be 5 x 5 (stocks, bonds, cash, reits, inflation)");
        }

        var a = new double[Size, Size];
        for (int i = 0; i < Size; i++)
        {
            for (int j = 0; j < Size; j++)
            {
                double v = correlation[i][j];
                if (!double.IsFinite(v) || v < -1.0 || v > 1.0)
                {
                    throw new ArgumentException($"correlation[{i}][{j}] = {v} is not in [-1, 1]");
                }

                if (i == j && v != 1.0)
                {
                    throw new ArgumentException($"correlation[{i}][{i}] must be 1 (it is {v})");
                }

                if (Math.Abs(v - correlation[j][i]) > 1e-12)
                {
                    throw new ArgumentException($"the correlation matrix is not symmetric: [{i}][{j}] = {v} but [{j}][{i}] = {correlation[j][i]}");
                }

                a[i, j] = v;
            }
        }

        return a;
    }

    private static double[,] Factor(double[,] a)
    {
        Matrix<double> factor;
        try
        {
            factor = Matrix<double>.Build.DenseOfArray(a).Cholesky().Factor;
        }
        catch (ArgumentException)
        {
            throw new ArgumentException("the correlation matrix is not positive definite (no set of returns can have these correlations together)");
        }

        var l = new double[Size, Size];
        for (int i = 0; i < Size; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                l[i, j] = factor[i, j];
            }
        }

        return l;
    }
}
