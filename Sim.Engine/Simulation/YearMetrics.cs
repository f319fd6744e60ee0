namespace Sim.Engine.Simulation;

/// <summary>One year's value of every metric for every path: one array of length paths per <see cref="Metric"/>, reused year after year.</summary>
public sealed class YearMetrics
{
    private readonly double[][] _values;

    /// <summary>Arrays for <paramref name="paths"/> paths.</summary>
    public YearMetrics(int paths)
    {
        _values = new double[Metrics.Count][];
        for (int k = 0; k < Metrics.Count; k++)
        {
            _values[k] = new double[paths];
        }
    }

    private readonly double?[] _constant = new double?[Metrics.Count];

    /// <summary>The per-path values of <paramref name="metric"/> (index = path within the run).</summary>
    public double[] this[Metric metric] => _values[(int)metric];

    /// <summary>
    /// This year's value of a metric when it is the same on every path (e.g. contributions, which are deterministic,
    /// or a flow that is zero in the year); the kernel then does not store it per path. Null when it varies.
    /// </summary>
    public double? Constant(int metric) => _constant[metric];

    internal void SetConstant(Metric metric, double? value) => _constant[(int)metric] = value;

    private readonly int[] _sameAs = Enumerable.Repeat(-1, Metrics.Count).ToArray();

    /// <summary>A metric that equals another on every path, bit for bit (e.g. balance = pre-tax when there is no Roth
    /// money and no loan); the kernel stores only the other. -1 when it has values of its own.</summary>
    public int SameAs(int metric) => _sameAs[metric];

    internal void SetSameAs(Metric metric, Metric? other) => _sameAs[(int)metric] = other is { } o ? (int)o : -1;

    /// <summary>The array holding this metric's values (its own, or the one it equals).</summary>
    public double[] ValuesOf(int metric) => _values[_sameAs[metric] >= 0 ? _sameAs[metric] : metric];

    /// <summary>Writes each constant metric into its per-path array (for observers that read raw paths).</summary>
    internal void FillConstants(int paths)
    {
        for (int k = 0; k < Metrics.Count; k++)
        {
            if (_constant[k] is { } c)
            {
                _values[k].AsSpan(0, paths).Fill(c);
            }
            else if (_sameAs[k] >= 0)
            {
                _values[_sameAs[k]].AsSpan(0, paths).CopyTo(_values[k]);
            }
        }
    }

    /// <summary>The per-path array of metric number <paramref name="metric"/>, as stored (not resolved through <see cref="SameAs"/>).</summary>
    public double[] this[int metric] => _values[metric];
}
