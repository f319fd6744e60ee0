using System.Runtime.Intrinsics;
using Sim.Engine.Simd;

namespace Sim.Tests.Simd;

public class LanesFacts
{
    [Theory]
    [InlineData(0xFFFF_FFFFUL, 0xFFFF_FFFFUL)]
    [InlineData(0x1234_5678_D251_1F53UL, 0x0000_0001_CD9E_8D57UL)]
    [InlineData(0xFFFF_FFFF_0000_0000UL, 0x8000_0000_0000_0007UL)]
    public void MulLow32_MultipliesTheLowHalves_IgnoringTheHighHalves_AtEveryWidth(ulong a, ulong b)
    {
        // Philox carries garbage in the high halves between rounds (PhiloxLanes); every width must read only the
        // low 32 bits of both operands, as vpmuludq does.
        ulong expected = (a & 0xFFFF_FFFFUL) * (b & 0xFFFF_FFFFUL);
        Check<Lanes512, Vector512<double>, Vector512<ulong>>();
        Check<Lanes256, Vector256<double>, Vector256<ulong>>();
        Check<Lanes1, double, ulong>();

        void Check<L, TD, TU>()
            where L : struct, ILanes<TD, TU>
            where TD : struct
            where TU : struct
        {
            ulong[] lanes = new ulong[8];
            L.StoreU(L.MulLow32(L.SplatU(a), L.SplatU(b)), ref lanes[0]);
            for (int lane = 0; lane < L.Count; lane++)
            {
                Assert.Equal(expected, lanes[lane]);
            }
        }
    }
}
