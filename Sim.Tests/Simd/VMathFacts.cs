using Sim.Engine.Simd;

namespace Sim.Tests.Simd;

public class VMathFacts
{
    /// <summary>fdlibm's published coefficients (e_exp.c, e_log.c, k_sin.c, k_cos.c) and the π/2 split, as bit
    /// patterns: VMath writes them as decimal literals, which must round-trip to exactly these.</summary>
    public static TheoryData<string, ulong> Coefficients() => new()
    {
        { "Ln2Hi", 0x3FE62E42FEE00000 }, { "Ln2Lo", 0x3DEA39EF35793C76 }, { "InvLn2", 0x3FF71547652B82FE },
        { "P1", 0x3FC555555555553E }, { "P2", 0xBF66C16C16BEBD93 }, { "P3", 0x3F11566AAF25DE2C },
        { "P4", 0xBEBBBD41C5D26BF1 }, { "P5", 0x3E66376972BEA4D0 },
        { "Lg1", 0x3FE5555555555593 }, { "Lg2", 0x3FD999999997FA04 }, { "Lg3", 0x3FD2492494229359 },
        { "Lg4", 0x3FCC71C51D8E78AF }, { "Lg5", 0x3FC7466496CB03DE }, { "Lg6", 0x3FC39A09D078C69F },
        { "Lg7", 0x3FC2F112DF3E5244 },
        { "S1", 0xBFC5555555555549 }, { "S2", 0x3F8111111110F8A6 }, { "S3", 0xBF2A01A019C161D5 },
        { "S4", 0x3EC71DE357B1FE7D }, { "S5", 0xBE5AE5E68A2B9CEB }, { "S6", 0x3DE5D93A5ACFD57C },
        { "C1", 0x3FA555555555554C }, { "C2", 0xBF56C16C16C15177 }, { "C3", 0x3EFA01A019CB1590 },
        { "C4", 0xBE927E4F809C52AD }, { "C5", 0x3E21EE9EBDB4B1C4 }, { "C6", 0xBDA8FAE9BE8838D4 },
        { "PiOver2Hi", 0x3FF921FB50000000 }, { "PiOver2Lo", 0x3E5110B4611A6263 },
    };

    [Theory]
    [MemberData(nameof(Coefficients))]
    public void Coefficient_HasItsPublishedBits(string name, ulong bits)
    {
        var field = typeof(VMath).GetField(name, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static);
        Assert.NotNull(field);
        Assert.True(field.IsLiteral, $"{name} should be a constant");
        Assert.Equal(bits, BitConverter.DoubleToUInt64Bits((double)field.GetRawConstantValue()!));
    }

    private static double[] WideLogInputs()
    {
        var rng = new System.Random(20260101);
        var xs = new List<double>();
        // Every binade from the smallest subnormal to the largest finite double, random mantissas.
        for (int e = -1074; e <= 1023; e++)
        {
            for (int k = 0; k < 40; k++)
            {
                xs.Add(Math.ScaleB(1.0 + rng.NextDouble(), e));
            }
        }

        // The Box-Muller grid (2j+1)·2^-53 and values near 1, where ln x is tiny.
        for (int k = 0; k < 50_000; k++)
        {
            xs.Add((2.0 * Math.Floor(rng.NextDouble() * 4503599627370496.0) + 1.0) / 9007199254740992.0);
            xs.Add(1.0 + (rng.NextDouble() - 0.5) * Math.ScaleB(1.0, -rng.Next(1, 52)));
        }

        xs.Add(double.Epsilon);
        xs.Add(double.MaxValue);
        xs.Add(1.0);
        xs.Add(Math.Sqrt(2.0));
        xs.Add(Math.BitDecrement(Math.Sqrt(2.0)));
        return [.. xs.Where(x => x > 0 && double.IsFinite(x))];
    }

    [Fact]
    public void Log_IsWithinOneUlpOfMathLog_FromSubnormalsToMaxValue()
    {
        double[] xs = WideLogInputs();
        long worst = 0;
        double worstX = 0;
        foreach (double x in xs)
        {
            long d = Ulp.Distance(ElementaryFunctions.Log(x), Math.Log(x));
            if (d > worst)
            {
                worst = d;
                worstX = x;
            }
        }

        Assert.True(worst <= 1, $"worst {worst} ulp at x = {worstX:R}");
        Assert.Equal(0.0, ElementaryFunctions.Log(1.0));
    }

    [Fact]
    public void Exp_IsWithinOneUlpOfMathExp_FromUnderflowToOverflow()
    {
        var rng = new System.Random(7);
        long worst = 0;
        double worstX = 0;
        for (int k = 0; k < 400_000; k++)
        {
            double x = k % 4 == 0 ? (rng.NextDouble() - 0.5) * 1.2 // where the returns live
                : k % 4 == 1 ? (rng.NextDouble() - 0.5) * Math.ScaleB(1.0, -rng.Next(1, 60))
                : -745.0 + rng.NextDouble() * (709.78 + 745.0);
            long d = Ulp.Distance(ElementaryFunctions.Exp(x), Math.Exp(x));
            if (d > worst)
            {
                worst = d;
                worstX = x;
            }
        }

        Assert.True(worst <= 1, $"worst {worst} ulp at x = {worstX:R}");
        Assert.Equal(1.0, ElementaryFunctions.Exp(0.0));
        Assert.Equal(double.PositiveInfinity, ElementaryFunctions.Exp(710.0));
        Assert.Equal(double.PositiveInfinity, ElementaryFunctions.Exp(5000.0));
        Assert.Equal(0.0, ElementaryFunctions.Exp(-746.0));
        Assert.Equal(0.0, ElementaryFunctions.Exp(-5000.0));
        Assert.Equal(Math.Exp(709.78), ElementaryFunctions.Exp(709.78), 0.0);
    }

    /// <summary>sin and cos of 2π·u from Math.Sin/Math.Cos of a double-double angle, accurate to well under an ulp.</summary>
    private static (double Sin, double Cos) Reference(double u)
    {
        const double twoPiLo = 2.4492935982947064e-16; // 2π − (double)2π
        double twoPi = 2.0 * Math.PI;
        double hi = twoPi * u;
        double lo = Math.FusedMultiplyAdd(twoPi, u, -hi) + twoPiLo * u;
        double s = Math.Sin(hi), c = Math.Cos(hi);
        return (s + lo * c, c - lo * s);
    }

    private static bool Close(double actual, double expected, out long ulps)
    {
        ulps = Ulp.Distance(actual, expected);
        return ulps <= 2 || Math.Abs(actual - expected) < 1e-300;
    }

    [Fact]
    public void SinCos2Pi_IsWithinTwoUlpOfAnAccurateReference_OverTheUnitInterval()
    {
        var rng = new System.Random(11);
        var us = new List<double>();
        for (int k = 0; k < 200_000; k++)
        {
            us.Add(rng.NextDouble());
        }

        // Near the quadrant boundaries and the zeros of sin and cos, where relative accuracy is hardest.
        for (int q = 0; q <= 8; q++)
        {
            for (int e = 10; e <= 53; e++)
            {
                us.Add(q / 8.0 + Math.ScaleB(1.0, -e));
                us.Add(q / 8.0 - Math.ScaleB(1.0, -e));
            }
        }

        long worst = 0;
        foreach (double u in us.Where(u => u > 0 && u < 1))
        {
            var (s, c) = ElementaryFunctions.SinCos2Pi(u);
            var (rs, rc) = Reference(u);
            Assert.True(Close(s, rs, out long ds), $"sin(2π·{u:R}) = {s:R}, expected {rs:R} ({ds} ulp)");
            Assert.True(Close(c, rc, out long dc), $"cos(2π·{u:R}) = {c:R}, expected {rc:R} ({dc} ulp)");
            worst = Math.Max(worst, Math.Max(ds, dc));
        }

        Assert.True(worst <= 2);
    }

    [Fact]
    public void SinCos2Pi_IsExactAtTheQuarterTurns()
    {
        Assert.Equal((0.0, 1.0), ElementaryFunctions.SinCos2Pi(0.0));
        Assert.Equal((1.0, 0.0), ElementaryFunctions.SinCos2Pi(0.25));
        Assert.Equal(0.0, ElementaryFunctions.SinCos2Pi(0.5).Sin, 0.0);
        Assert.Equal(-1.0, ElementaryFunctions.SinCos2Pi(0.5).Cos);
        Assert.Equal(-1.0, ElementaryFunctions.SinCos2Pi(0.75).Sin);
        Assert.Equal(Math.Sqrt(0.5), ElementaryFunctions.SinCos2Pi(0.125).Sin, 15);
    }

    [Fact]
    public void SinCos2Pi_IsPeriodicOddAndEven_BitForBit_ForNegativeTurnsToo()
    {
        // The quadrant comes from the low bits of the rounded 4u, for negative u too: whole turns change nothing,
        // and sin(−2πu) = −sin(2πu), cos(−2πu) = cos(2πu) exactly (the reduction and both kernels are symmetric).
        var rng = new System.Random(12);
        for (int k = 0; k < 20_000; k++)
        {
            double u = rng.Next(-(1 << 22), 1 << 22) / 1048576.0; // dyadic: u + n is exact
            var (s, c) = ElementaryFunctions.SinCos2Pi(u);
            for (int n = -3; n <= 3; n++)
            {
                var (sn, cn) = ElementaryFunctions.SinCos2Pi(u + n);
                Assert.Equal(BitConverter.DoubleToInt64Bits(s), BitConverter.DoubleToInt64Bits(sn));
                Assert.Equal(BitConverter.DoubleToInt64Bits(c), BitConverter.DoubleToInt64Bits(cn));
            }

            var (sm, cm) = ElementaryFunctions.SinCos2Pi(-u);
            Assert.Equal(BitConverter.DoubleToInt64Bits(-s), BitConverter.DoubleToInt64Bits(sm));
            Assert.Equal(BitConverter.DoubleToInt64Bits(c), BitConverter.DoubleToInt64Bits(cm));
        }
    }

    [Fact]
    public void Exp_GivesTheSameBits_WhetherItsVectorTakesTheModeratePathOrNot()
    {
        // A vector whose lanes are all below 700 in magnitude skips the clamp and scales by one power of two; one
        // lane beyond sends the whole vector through the general path. Both must give every other lane the same bits.
        var rng = new System.Random(14);
        double[] moderate = new double[4096];
        for (int i = 0; i < moderate.Length; i++)
        {
            moderate[i] = (rng.NextDouble() - 0.5) * 1399.0;
        }

        double[] mixed = (double[])moderate.Clone();
        for (int i = 0; i < mixed.Length; i += 4)
        {
            mixed[i] = 800.0; // one lane in every vector of 4 or 8
        }

        foreach (SimdWidth width in SimdWidths.All)
        {
            double[] a = new double[moderate.Length], b = new double[moderate.Length];
            ElementaryFunctions.Exp(moderate, a, width);
            ElementaryFunctions.Exp(mixed, b, width);
            for (int i = 0; i < a.Length; i++)
            {
                if (i % 4 != 0)
                {
                    Assert.Equal(BitConverter.DoubleToInt64Bits(a[i]), BitConverter.DoubleToInt64Bits(b[i]));
                }
            }

            Assert.Equal(double.PositiveInfinity, b[0]);
        }
    }

    [Fact]
    public void LogOfNormal_EqualsLog_BitForBit_ForEveryNormalInput_AtEveryWidth()
    {
        var rng = new System.Random(13);
        double[] xs = new double[4096];
        for (int i = 0; i < xs.Length; i++)
        {
            xs[i] = Math.ScaleB(1.0 + rng.NextDouble(), rng.Next(-1022, 1024));
        }

        xs[0] = Math.ScaleB(1.0, -1022);
        xs[1] = Math.ScaleB(1.0, -53);
        xs[2] = 1.0 - Math.ScaleB(1.0, -53);
        xs[3] = double.MaxValue;
        Check<Lanes512, System.Runtime.Intrinsics.Vector512<double>, System.Runtime.Intrinsics.Vector512<ulong>>();
        Check<Lanes256, System.Runtime.Intrinsics.Vector256<double>, System.Runtime.Intrinsics.Vector256<ulong>>();
        Check<Lanes1, double, ulong>();

        void Check<L, TD, TU>()
            where L : struct, ILanes<TD, TU>
            where TD : struct
            where TU : struct
        {
            double[] a = new double[8], b = new double[8];
            for (int i = 0; i + L.Count <= xs.Length; i += L.Count)
            {
                TD x = L.Load(ref xs[i]);
                L.Store(VMath.LogOfNormal<L, TD, TU>(x), ref a[0]);
                L.Store(VMath.Log<L, TD, TU>(x), ref b[0]);
                for (int lane = 0; lane < L.Count; lane++)
                {
                    Assert.Equal(BitConverter.DoubleToInt64Bits(b[lane]), BitConverter.DoubleToInt64Bits(a[lane]));
                }
            }
        }
    }

    private delegate void Kernel(double[] input, double[] output, SimdWidth width);

    private static void AssertWidthsAgree(Func<System.Random, double> draw, Kernel kernel, int seed)
    {
        var rng = new System.Random(seed);
        foreach (int n in Lengths.All())
        {
            double[] input = new double[n];
            for (int i = 0; i < n; i++)
            {
                input[i] = draw(rng);
            }

            double[] scalar = new double[n], v256 = new double[n], v512 = new double[n];
            kernel(input, scalar, SimdWidth.Scalar);
            kernel(input, v256, SimdWidth.Vector256);
            kernel(input, v512, SimdWidth.Vector512);
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(scalar[i]), BitConverter.DoubleToInt64Bits(v256[i]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(scalar[i]), BitConverter.DoubleToInt64Bits(v512[i]));
            }
        }
    }

    [Fact]
    public void Log_GivesTheSameBitsAtEveryWidth_ForEveryLength()
    {
        AssertWidthsAgree(r => Math.ScaleB(1.0 + r.NextDouble(), r.Next(-1074, 1024)),
            (x, y, w) => ElementaryFunctions.Log(x, y, w), 1);
    }

    [Fact]
    public void Exp_GivesTheSameBitsAtEveryWidth_ForEveryLength()
    {
        AssertWidthsAgree(r => (r.NextDouble() - 0.5) * 1600.0, (x, y, w) => ElementaryFunctions.Exp(x, y, w), 2);
    }

    [Fact]
    public void SinCos2Pi_GivesTheSameBitsAtEveryWidth_ForEveryLength()
    {
        AssertWidthsAgree(r => r.NextDouble(), (x, y, w) => ElementaryFunctions.SinCos2Pi(x, y, new double[x.Length], w), 3);
        AssertWidthsAgree(r => r.NextDouble(), (x, y, w) => ElementaryFunctions.SinCos2Pi(x, new double[x.Length], y, w), 4);
    }

    [Fact]
    public void LognormalMapping_GivesTheSameBitsAtEveryWidth_ForEveryLength()
    {
        AssertWidthsAgree(r => (r.NextDouble() - 0.5) * 16.0,
            (x, y, w) => ElementaryFunctions.LognormalReturn(0.0806, 0.1622, x, y, w), 5);
    }

    [Fact]
    public void LognormalMapping_MatchesTheClosedForm()
    {
        double[] z = [-2.0, 0.0, 1.5];
        double[] r = new double[3];
        ElementaryFunctions.LognormalReturn(0.08, 0.16, z, r);
        for (int i = 0; i < 3; i++)
        {
            Assert.True(Ulp.Distance(1.0 + r[i], Math.Exp(0.08 + 0.16 * z[i])) <= 2);
        }
    }

    [Fact]
    public void BestWidth_FollowsTheHardware()
    {
        SimdWidth expected = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? SimdWidth.Vector512
            : System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? SimdWidth.Vector256 : SimdWidth.Scalar;
        Assert.Equal(expected, SimdWidths.Best);
        Assert.Equal(expected, SimdWidths.Resolve(SimdWidth.Auto));
    }
}
