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

    public double[] this[Metric metric] => _values[(int)metric];

    public double[] this[int metric] => _values[metric];
}
