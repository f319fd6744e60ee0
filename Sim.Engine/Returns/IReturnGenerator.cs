namespace Sim.Engine.Returns;

/// <summary>
/// Simple annual returns of the four assets and inflation for a block of paths in one simulated year,
/// structure-of-arrays: element i of every span belongs to path firstPath + i.
/// </summary>
public sealed class ReturnBlock
{
    public ReturnBlock(int capacity)
    {
        Capacity = capacity;
        Stocks = new double[capacity];
        Bonds = new double[capacity];
        Cash = new double[capacity];
        Reits = new double[capacity];
        Inflation = new double[capacity];
    }

    public int Capacity { get; }
    public double[] Stocks { get; }
    public double[] Bonds { get; }
    public double[] Cash { get; }
    public double[] Reits { get; }
    public double[] Inflation { get; }
}

/// <summary>
/// A return model (spec section 3). Implementations are stateless between calls: the numbers for
/// (path, yearIndex) depend only on the scenario, the seed and those two integers, so any split of paths
/// over threads, vector widths or processes yields the same values.
/// </summary>
/// <remarks>
/// Implementations are immutable after construction and <see cref="Fill"/> uses no shared scratch memory and
/// allocates nothing, so one instance may be shared by every worker thread, each filling its own
/// <see cref="ReturnBlock"/> for its own paths. Build one with <see cref="ReturnGenerators.Create"/>.
/// </remarks>
public interface IReturnGenerator
{
    /// <summary>Number of paths the model produces: the scenario's paths, or one per window for historical.</summary>
    long PathCount { get; }

    /// <summary>Human-readable notes for the output metadata (e.g. how REIT returns were filled).</summary>
    string Notes { get; }

    /// <summary>Fills returns for paths [firstPath, firstPath + count) of simulated year yearIndex
    /// (0 = startYear), shocks applied.</summary>
    void Fill(int yearIndex, long firstPath, int count, ReturnBlock destination);
}
