namespace Sim.Engine.Returns;

/// <summary>
/// Simple annual returns of the four assets and inflation for a block of paths in one simulated year,
/// structure-of-arrays: element i of every span belongs to path firstPath + i.
/// </summary>
public sealed class ReturnBlock
{
    /// <summary>A block with room for <paramref name="capacity"/> paths.</summary>
    public ReturnBlock(int capacity)
    {
        Capacity = capacity;
        Stocks = new double[capacity];
        Bonds = new double[capacity];
        Cash = new double[capacity];
        Reits = new double[capacity];
        Inflation = new double[capacity];
    }

    /// <summary>Most paths one fill may write.</summary>
    public int Capacity { get; }
    /// <summary>Stocks' simple return of the year per path (0.07 = 7%).</summary>
    public double[] Stocks { get; }
    /// <summary>Bonds' simple return of the year per path.</summary>
    public double[] Bonds { get; }
    /// <summary>Cash's simple return of the year per path.</summary>
    public double[] Cash { get; }
    /// <summary>REITs' simple return of the year per path.</summary>
    public double[] Reits { get; }
    /// <summary>Inflation of the year per path (0.025 = 2.5%).</summary>
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
