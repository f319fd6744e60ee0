namespace Sim.Engine.Random;

/// <summary>
/// How (seed, path, year, stream, block) maps onto one Philox4x32-10 call. The mapping is injective, so every
/// draw of the engine is a distinct counter under the same key, and any split of the paths into blocks, threads,
/// vector lanes or processes computes exactly the same numbers.
/// <code>
///   key  word 0 = seed bits 0..31           key word 1 = seed bits 32..63
///   ctr  word 0 = path bits 0..31           (varies across vector lanes: one path per lane)
///   ctr  word 1 = path bits 32..63          (zero for every path below 2^32)
///   ctr  word 2 = year (bits 0..15) | stream &lt;&lt; 16 (bits 16..31)
///   ctr  word 3 = block: the index of the 4-word output within this (path, year, stream), 0..2^32−1
/// </code>
/// Limits: path in [0, 2^63) (a long), year (or bootstrap block number) in [0, 2^16), stream in [0, 2^16),
/// block in [0, 2^32). One block gives two uniforms, hence two Box-Muller normals.
/// </summary>
public static class CounterLayout
{
    /// <summary>Exclusive upper bound of the year field.</summary>
    public const int YearLimit = 1 << 16;

    /// <summary>Counter word 2 for (year, stream); throws when either is out of range.</summary>
    public static uint YearStreamWord(int year, int stream)
    {
        if ((uint)year >= YearLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, "the year index must be in [0, 65536)");
        }

        if ((uint)stream >= RandomStreams.Limit)
        {
            throw new ArgumentOutOfRangeException(nameof(stream), stream, "the stream id must be in [0, 65536)");
        }

        return (uint)year | ((uint)stream << 16);
    }

    /// <summary>The counter of one draw, as the scalar reference sees it.</summary>
    public static Philox4x32Block Counter(long path, int year, int stream, uint block)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(path);
        return new Philox4x32Block((uint)path, (uint)((ulong)path >> 32), YearStreamWord(year, stream), block);
    }

    /// <summary>The key words of a seed.</summary>
    public static (uint Key0, uint Key1) Key(ulong seed) => ((uint)seed, (uint)(seed >> 32));
}
