using Sim.Engine.Random;
using Sim.Engine.Simd;
using Sim.Tests.Simd;

namespace Sim.Tests.Random;

public class PhiloxFacts
{
    // Random123 kat_vectors, "philox4x32 10" lines: counter (4 words), key (2 words), expected output (4 words).
    /// <summary>Random123's published known-answer vectors for Philox4x32-10 (kat_vectors): counter c0..c3, key
    /// k0, k1, result r0..r3.</summary>
    public static TheoryData<uint, uint, uint, uint, uint, uint, uint, uint, uint, uint> KnownAnswers => new()
    {
        { 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u },
        { 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu },
        { 0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u, 0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u },
    };

    [Theory]
    [MemberData(nameof(KnownAnswers))]
    public void Philox4x32_10_MatchesTheRandom123KnownAnswers(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1,
        uint r0, uint r1, uint r2, uint r3)
    {
        Assert.Equal(new Philox4x32Block(r0, r1, r2, r3), Philox4x32.Compute(new Philox4x32Block(c0, c1, c2, c3), k0, k1));
    }

    [Theory]
    [MemberData(nameof(KnownAnswers))]
    public void VectorPhilox_MatchesTheKnownAnswers_InEveryLaneAtEveryWidth(uint c0, uint c1, uint c2, uint c3, uint k0,
        uint k1, uint r0, uint r1, uint r2, uint r3)
    {
        Check<Lanes512, System.Runtime.Intrinsics.Vector512<double>, System.Runtime.Intrinsics.Vector512<ulong>>();
        Check<Lanes256, System.Runtime.Intrinsics.Vector256<double>, System.Runtime.Intrinsics.Vector256<ulong>>();
        Check<Lanes1, double, ulong>();

        void Check<L, TD, TU>()
            where L : struct, ILanes<TD, TU>
            where TD : struct
            where TU : struct
        {
            PhiloxLanes.Compute<L, TD, TU>(L.SplatU(c0), L.SplatU(c1), L.SplatU(c2), L.SplatU(c3), k0, k1,
                out TU o0, out TU o1, out TU o2, out TU o3);
            ulong[] buffer = new ulong[8];
            foreach (var (o, expected) in new[] { (o0, r0), (o1, r1), (o2, r2), (o3, r3) })
            {
                L.StoreU(o, ref buffer[0]);
                for (int lane = 0; lane < L.Count; lane++)
                {
                    Assert.Equal(expected, buffer[lane]);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(KnownAnswers))]
    public void TwoVectorsSideBySide_MatchTheKnownAnswers_AtEveryWidth(uint c0, uint c1, uint c2, uint c3, uint k0,
        uint k1, uint r0, uint r1, uint r2, uint r3)
    {
        Check<Lanes512, System.Runtime.Intrinsics.Vector512<double>, System.Runtime.Intrinsics.Vector512<ulong>>();
        Check<Lanes256, System.Runtime.Intrinsics.Vector256<double>, System.Runtime.Intrinsics.Vector256<ulong>>();
        Check<Lanes1, double, ulong>();

        void Check<L, TD, TU>()
            where L : struct, ILanes<TD, TU>
            where TD : struct
            where TU : struct
        {
            // Vector b holds the counter with garbage in the high halves, which Philox must ignore.
            var keys = PhiloxRoundKeys<TU>.Of<L, TD>(new PhiloxKey(k0, k1));
            TU a0 = L.SplatU(c0), a1 = L.SplatU(c1), a2 = L.SplatU(c2), a3 = L.SplatU(c3);
            TU b0 = L.SplatU(c0 | 0xDEAD_0000_0000_0000UL), b1 = L.SplatU(c1 | 0xBEEF_0000_0000UL), b2 = L.SplatU(c2 | 0x1_0000_0000UL), b3 = L.SplatU(c3);
            PhiloxLanes.ComputeTwo<L, TD, TU>(ref a0, ref a1, ref a2, ref a3, ref b0, ref b1, ref b2, ref b3, keys);
            ulong[] buffer = new ulong[8];
            foreach (var (o, expected) in new[] { (a0, r0), (a1, r1), (a2, r2), (a3, r3), (b0, r0), (b1, r1), (b2, r2), (b3, r3) })
            {
                L.StoreU(o, ref buffer[0]);
                for (int lane = 0; lane < L.Count; lane++)
                {
                    Assert.Equal(expected, buffer[lane]);
                }
            }
        }
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(5L)]
    [InlineData(4_294_967_290L)] // lanes straddle 2^32: the path's high word goes into counter word 1
    public void VectorPhilox_EqualsScalarPhilox_BitForBit_ForEveryLengthAndWidth(long firstPath)
    {
        const ulong seed = 0x0123_4567_89AB_CDEFUL;
        foreach (int n in Lengths.All())
        {
            foreach (SimdWidth width in SimdWidths.All)
            {
                ulong[] words = new ulong[4 * n];
                NormalGenerator.FillWords(seed, firstPath, 17, RandomStreams.AssetNormals, 3, words, width);
                for (int i = 0; i < n; i += Math.Max(1, n / 16))
                {
                    var expected = Philox4x32.Compute(CounterLayout.Counter(firstPath + i, 17, RandomStreams.AssetNormals, 3),
                        CounterLayout.Key(seed).Key0, CounterLayout.Key(seed).Key1);
                    Assert.Equal(expected, new Philox4x32Block((uint)words[4 * i], (uint)words[4 * i + 1],
                        (uint)words[4 * i + 2], (uint)words[4 * i + 3]));
                }

                if (n > 0)
                {
                    int last = n - 1;
                    var tail = Philox4x32.Compute(CounterLayout.Counter(firstPath + last, 17, RandomStreams.AssetNormals, 3),
                        CounterLayout.Key(seed).Key0, CounterLayout.Key(seed).Key1);
                    Assert.Equal(tail.W3, (uint)words[4 * last + 3]);
                }
            }
        }
    }

    [Fact]
    public void Counter_PutsPathYearStreamAndBlockInTheirDocumentedWords()
    {
        var c = CounterLayout.Counter(0x0000_0002_0000_0007L, 45, RandomStreams.ChiSquare, 9);
        Assert.Equal(new Philox4x32Block(7u, 2u, 45u | (2u << 16), 9u), c);
        Assert.Equal((0x89AB_CDEFu, 0x0123_4567u), CounterLayout.Key(0x0123_4567_89AB_CDEFUL));
    }

    [Fact]
    public void Counter_RejectsYearsAndStreamsBeyondSixteenBits()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CounterLayout.YearStreamWord(65536, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => CounterLayout.YearStreamWord(0, 65536));
        Assert.Throws<ArgumentOutOfRangeException>(() => CounterLayout.YearStreamWord(-1, 0));
        Assert.Equal(0xFFFF_FFFFu, CounterLayout.YearStreamWord(65535, 65535));
    }
}
