using Sim.Engine.Statistics;
using Sim.Tests.Simd;

namespace Sim.Tests.Statistics;

/// <summary>The fixed-order sum and the chunked mean across paths (yearly means, mean total taxes).</summary>
public class PathMeanFacts
{
    private static double[] Values(int n, int seed)
    {
        var rng = new System.Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => (rng.NextDouble() - 0.3) * Math.Pow(10, rng.Next(0, 7)))];
    }

    [Fact]
    public void Sum_IsTheScalarDefinition_BitForBit_ForEveryLength()
    {
        // This process's width (the CI runs the suite again with AVX-512 off and with intrinsics off).
        foreach (int n in Lengths.All())
        {
            double[] v = Values(n, n);
            Assert.Equal(BitConverter.DoubleToInt64Bits(DeterministicSum.Reference(v)), BitConverter.DoubleToInt64Bits(DeterministicSum.Sum(v)));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4095)]
    [InlineData(4096)]
    [InlineData(4097)]
    [InlineData(10_000)]
    [InlineData(3 * 4096)]
    public void Mean_IsTheChunkSumsInOrder_OverThePathCount(int n)
    {
        double[] v = Values(n, 7);
        double total = 0.0;
        for (int start = 0; start < n; start += PathMean.Chunk)
        {
            total += DeterministicSum.Reference(v.AsSpan(start, Math.Min(PathMean.Chunk, n - start)));
        }

        Assert.Equal(BitConverter.DoubleToInt64Bits(total / n), BitConverter.DoubleToInt64Bits(PathMean.Of(v)));
    }

    [Fact]
    public void ChunkSums_FromBlocksOfWholeChunks_GiveTheSameMean()
    {
        // As the engine sums them: each block of two chunks on its own, the last block shorter, in any order.
        const int n = 5 * PathMean.Chunk + 123;
        double[] v = Values(n, 3);
        double[] sums = new double[PathMean.Chunks(n)];
        foreach (int start in new[] { 4 * PathMean.Chunk, 0, 2 * PathMean.Chunk })
        {
            PathMean.SumChunks(v, start, Math.Min(2 * PathMean.Chunk, n - start), sums);
        }

        Assert.Equal(BitConverter.DoubleToInt64Bits(PathMean.Of(v)), BitConverter.DoubleToInt64Bits(PathMean.FromChunks(sums, n)));
        // A mean with another summation order differs in the last bits for these values, so the test can fail.
        Assert.NotEqual(BitConverter.DoubleToInt64Bits(DeterministicSum.Sum(v) / n), BitConverter.DoubleToInt64Bits(PathMean.Of(v)));
    }

    [Fact]
    public void SumChunks_RefusesARangeThatIsNotWholeChunks()
    {
        double[] v = Values(3 * PathMean.Chunk, 1);
        double[] sums = new double[3];
        Assert.Throws<ArgumentException>(() => PathMean.SumChunks(v, 1, PathMean.Chunk, sums));
        Assert.Throws<ArgumentException>(() => PathMean.SumChunks(v, 0, PathMean.Chunk + 1, sums));
    }
}
