namespace Sim.Engine.Random;

/// <summary>
/// Stream identifiers: independent families of draws for one (seed, path, year). Each consumer of randomness
/// has its own stream, so adding draws to one never shifts the numbers of another.
/// </summary>
public static class RandomStreams
{
    /// <summary>Not used by the engine: free for tests and benchmarks.</summary>
    public const int Scratch = 0;

    /// <summary>The five standard normals eps_0..eps_4 (in draw order: inflation, stocks, bonds, cash, REITs) of the lognormal and
    /// Student-t models, before the Cholesky factor is applied. Normal j of path p comes from counter block j of the
    /// pair's even path (<see cref="LaneDraws.PathPairNormal"/>).</summary>
    public const int AssetNormals = 1;

    /// <summary>The chi-square draw W of the Student-t model (Marsaglia-Tsang attempts, two blocks each).</summary>
    public const int ChiSquare = 2;

    /// <summary>Bootstrap block starts; the counter's year field holds the block number k, not the year.</summary>
    public const int Bootstrap = 3;

    /// <summary>The normal ε of the conditional REIT fill for a history without REITs.</summary>
    public const int ReitFill = 4;

    /// <summary>Exclusive upper bound of stream ids (16 bits in the counter).</summary>
    public const int Limit = 1 << 16;
}
