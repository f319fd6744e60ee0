namespace Sim.Engine.Simulation;

/// <summary>One year's value of every metric for every path: 14 arrays of length paths, reused year after year.</summary>
public sealed class YearMetrics
{
    private readonly double[][] _values;

    public YearMetrics(int paths)
    {
        _values = new double[Metrics.Count][];
        for (int k = 0; k < Metrics.Count; k++)
        {
            _values[k] = new double[paths];
        }
    }

    private readonly double?[] _constant = new double?[Metrics.Count];

    public double[] this[Metric metric] => _values[(int)metric];

    /// <summary>
    /// This year's value of a metric when it is the same on every path (e.g. contributions, which are deterministic,
    /// or a flow that is zero in the year); the kernel then does not store it per path. Null when it varies.
    /// </summary>
    public double? Constant(int metric) => _constant[metric];

    internal void SetConstant(Metric metric, double? value) => _constant[(int)metric] = value;

    /// <summary>Writes each constant metric into its per-path array (for observers that read raw paths).</summary>
    internal void FillConstants(int paths)
    {
        for (int k = 0; k < Metrics.Count; k++)
        {
            if (_constant[k] is { } c)
            {
                _values[k].AsSpan(0, paths).Fill(c);
            }
        }
    }

    public double[] this[int metric] => _values[metric];
}
