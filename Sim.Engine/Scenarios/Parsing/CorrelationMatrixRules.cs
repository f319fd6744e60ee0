using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Sim.Engine.Scenarios.Parsing;

/// <summary>
/// <c>$.returns.correlation</c>: a 5 x 5 matrix over stocks, bonds, cash, reits, inflation with entries in
/// [-1, 1], a unit diagonal, symmetric, and positive definite (so the engine's Cholesky factor exists).
/// </summary>
internal static class CorrelationMatrixRules
{
    public const int Size = 5;

    /// <summary>Diagonal and symmetry tolerance.</summary>
    public const double Tolerance = 1e-9;

    /// <summary>The smallest eigenvalue must exceed this: a (numerically) singular matrix makes the Cholesky
    /// factor meaningless even where the factorization happens to succeed.</summary>
    public const double MinEigenvalue = 1e-10;

    private const string Order = "order stocks, bonds, cash, reits, inflation";

    public static IReadOnlyList<IReadOnlyList<double>>? Read(IReadOnlyList<(JsonElement Element, string Path)>? rows,
        string path, IssueCollector issues)
    {
        if (rows is null)
        {
            return null;
        }

        if (rows.Count != Size)
        {
            issues.Error(path, $"must be a 5 x 5 matrix ({Order}), got {rows.Count} rows");
            return null;
        }

        var m = new double[Size, Size];
        var complete = true;
        for (var i = 0; i < Size; i++)
        {
            var (row, rowPath) = rows[i];
            if (row.ValueKind != JsonValueKind.Array)
            {
                issues.Error(rowPath, $"expected an array of 5 numbers, got {JsonObjectReader.Describe(row)}");
                complete = false;
                continue;
            }

            if (row.GetArrayLength() != Size)
            {
                issues.Error(rowPath, $"must have 5 entries ({Order}), got {row.GetArrayLength()}");
                complete = false;
                continue;
            }

            var j = 0;
            foreach (var e in row.EnumerateArray())
            {
                var v = JsonObjectReader.ReadNumber(e, JsonPaths.Index(rowPath, j), issues, NumberRange.Between(-1, 1));
                complete &= v.HasValue;
                m[i, j++] = v ?? double.NaN;
            }
        }

        if (!complete)
        {
            return null;
        }

        var shapeOk = true;
        for (var i = 0; i < Size; i++)
        {
            if (Math.Abs(m[i, i] - 1) > Tolerance)
            {
                issues.Error($"{path}[{i}][{i}]", $"diagonal entries must be 1, got {NumberRange.Format(m[i, i])}");
                shapeOk = false;
            }

            for (var j = i + 1; j < Size; j++)
            {
                if (Math.Abs(m[i, j] - m[j, i]) > Tolerance)
                {
                    issues.Error($"{path}[{i}][{j}]",
                        $"the matrix must be symmetric: [{i}][{j}] is {NumberRange.Format(m[i, j])} but [{j}][{i}] is {NumberRange.Format(m[j, i])}");
                    shapeOk = false;
                }
            }
        }

        if (shapeOk)
        {
            var smallest = SmallestEigenvalue(m);
            if (!(smallest > MinEigenvalue))
            {
                issues.Error(path,
                    $"not positive definite (smallest eigenvalue {smallest.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)}): "
                    + "the correlations are inconsistent with each other");
            }
        }

        return [.. Enumerable.Range(0, Size).Select(i => (IReadOnlyList<double>)[.. Enumerable.Range(0, Size).Select(j => m[i, j])])];
    }

    /// <summary>The smallest eigenvalue of a symmetric matrix (MathNet's symmetric eigen-decomposition).</summary>
    public static double SmallestEigenvalue(double[,] symmetric)
    {
        var evd = Matrix<double>.Build.DenseOfArray(symmetric).Evd(Symmetricity.Symmetric);
        return evd.EigenValues.Min(c => c.Real);
    }
}
