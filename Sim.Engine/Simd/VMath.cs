using System.Runtime.CompilerServices;

namespace Sim.Engine.Simd;

/// <summary>
/// Elementary functions written once over <see cref="ILanes{TD, TU}"/>, using only +, −, ×, ÷, √, floor,
/// comparisons and bit manipulation, so the scalar, AVX2 and AVX-512 versions return the same bits.
/// Accuracy is about 1 ulp (the algorithms and polynomial coefficients are those of Sun's fdlibm,
/// e_log.c, e_exp.c, k_sin.c and k_cos.c, which are documented below 1 ulp).
/// </summary>
/// <remarks>
/// Rounding to an integer uses the "magic number" trick: for |x| &lt; 2^51, <c>(x + 1.5·2^52) − 1.5·2^52</c>
/// is x rounded to the nearest integer (ties to even) in the default rounding mode, and the low bits of
/// <c>x + 1.5·2^52</c> hold that integer, so no float↔int conversion instruction is needed (AVX2 has none for
/// 64-bit integers).
/// </remarks>
public static class VMath
{
    /// <summary>1.5·2^52: adding and subtracting it rounds to an integer.</summary>
    internal const double RoundMagic = 6755399441055744.0;
    private const ulong RoundMagicBits = 0x4338_0000_0000_0000UL;

    // fdlibm's coefficients (e_exp.c, e_log.c, k_sin.c, k_cos.c), written as decimal literals that round-trip to the
    // bit patterns in the comments (VMathFacts checks each). As constants the JIT makes each splat a vector constant
    // in memory, an operand of the arithmetic; as static readonly fields it broadcast each from a scalar inside the
    // loops at AVX2 (vbroadcastsd, about 25 per vector of normal pairs): the normals took 8% longer (3.66 against
    // 3.36 ns per normal, one thread, AVX-512 off, 3 alternating runs). AVX-512 broadcasts a scalar operand for free.

    // fdlibm e_exp.c / e_log.c
    private const double Ln2Hi = 0.6931471803691238; // 0x3FE62E42FEE00000 = 6.93147180369123816490e-01, 32 trailing zero bits
    private const double Ln2Lo = 1.9082149292705877E-10; // 0x3DEA39EF35793C76 = 1.90821492927058770002e-10
    private const double InvLn2 = 1.4426950408889634; // 0x3FF71547652B82FE = 1.44269504088896338700e+00
    private const double P1 = 0.16666666666666602; // 0x3FC555555555553E
    private const double P2 = -0.0027777777777015593; // 0xBF66C16C16BEBD93
    private const double P3 = 6.613756321437934E-05; // 0x3F11566AAF25DE2C
    private const double P4 = -1.6533902205465252E-06; // 0xBEBBBD41C5D26BF1
    private const double P5 = 4.1381367970572385E-08; // 0x3E66376972BEA4D0
    private const double Lg1 = 0.6666666666666735; // 0x3FE5555555555593
    private const double Lg2 = 0.3999999999940942; // 0x3FD999999997FA04
    private const double Lg3 = 0.2857142874366239; // 0x3FD2492494229359
    private const double Lg4 = 0.22222198432149784; // 0x3FCC71C51D8E78AF
    private const double Lg5 = 0.1818357216161805; // 0x3FC7466496CB03DE
    private const double Lg6 = 0.15313837699209373; // 0x3FC39A09D078C69F
    private const double Lg7 = 0.14798198605116586; // 0x3FC2F112DF3E5244

    // fdlibm k_sin.c / k_cos.c
    private const double S1 = -0.16666666666666632; // 0xBFC5555555555549
    private const double S2 = 0.00833333333332249; // 0x3F8111111110F8A6
    private const double S3 = -0.0001984126982985795; // 0xBF2A01A019C161D5
    private const double S4 = 2.7557313707070068E-06; // 0x3EC71DE357B1FE7D
    private const double S5 = -2.5050760253406863E-08; // 0xBE5AE5E68A2B9CEB
    private const double S6 = 1.58969099521155E-10; // 0x3DE5D93A5ACFD57C
    private const double C1 = 0.0416666666666666; // 0x3FA555555555554C
    private const double C2 = -0.001388888888887411; // 0xBF56C16C16C15177
    private const double C3 = 2.480158728947673E-05; // 0x3EFA01A019CB1590
    private const double C4 = -2.7557314351390663E-07; // 0xBE927E4F809C52AD
    private const double C5 = 2.087572321298175E-09; // 0x3E21EE9EBDB4B1C4
    private const double C6 = -1.1359647557788195E-11; // 0xBDA8FAE9BE8838D4

    /// <summary>π/2 rounded to 26 significant bits, so its product with a number of at most 27 bits is exact.</summary>
    private const double PiOver2Hi = 1.5707963109016418; // 0x3FF921FB50000000
    /// <summary>π/2 − <see cref="PiOver2Hi"/>, to double precision.</summary>
    private const double PiOver2Lo = 1.5893254773528196E-08; // 0x3E5110B4611A6263

    private const double Sqrt2 = 1.4142135623730951;
    private const ulong SignBit = 0x8000_0000_0000_0000UL;
    private const ulong OneBits = 0x3FF0_0000_0000_0000UL;
    private const double SmallestNormal = 2.2250738585072014e-308;
    private const double Two54 = 18014398509481984.0;

    /// <summary>
    /// Natural logarithm of positive finite x (subnormals included). Other inputs give unspecified values (never an
    /// exception), which callers that evaluate both sides of a condition rely on.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TD Log<L, TD, TU>(TD x)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct => Log<L, TD, TU>(x, subnormals: true);

    /// <summary>
    /// <see cref="Log{L, TD, TU}(TD)"/> for x a positive normal number (x ≥ 2^-1022, finite), without the subnormal
    /// rescaling, which is the identity there: the same bits for those inputs (Box-Muller's u ≥ 2^-53).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TD LogOfNormal<L, TD, TU>(TD x)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct => Log<L, TD, TU>(x, subnormals: false);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TD Log<L, TD, TU>(TD x, bool subnormals)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        // Subnormals: scale by 2^54 first (then k is 54 too large; corrected below). For a normal x, tiny = 0 and
        // both steps leave x and k unchanged (k − 0·54 = k exactly), which is why LogOfNormal may skip them.
        TD tiny = L.Splat(0.0);
        if (subnormals)
        {
            tiny = L.IfLess(x, L.Splat(SmallestNormal), L.Splat(1.0), L.Splat(0.0));
            x = L.IfEqual(tiny, L.Splat(1.0), L.Mul(x, L.Splat(Two54)), x);
        }

        TU bits = L.AsBits(x);

        // x = 2^k · m with m in [1, 2): k from the exponent field, m by forcing the exponent to 0.
        TU expField = L.ShiftRight(bits, 52);
        TD k = L.Sub(L.FromBits(L.Or(expField, L.SplatU(RoundMagicBits))), L.Splat(RoundMagic + 1023.0));
        if (subnormals)
        {
            k = L.Sub(k, L.Mul(tiny, L.Splat(54.0)));
        }

        TD m = L.FromBits(L.Or(L.And(bits, L.SplatU(0x000F_FFFF_FFFF_FFFFUL)), L.SplatU(0x3FF0_0000_0000_0000UL)));

        // Move m into [sqrt(2)/2, sqrt(2)) so that f = m − 1 is small.
        TD big = L.IfGreater(m, L.Splat(Sqrt2), L.Splat(1.0), L.Splat(0.0));
        m = L.IfEqual(big, L.Splat(1.0), L.Mul(m, L.Splat(0.5)), m);
        k = L.Add(k, big);

        TD f = L.Sub(m, L.Splat(1.0)); // exact (Sterbenz)
        TD s = L.Div(f, L.Add(L.Splat(2.0), f));
        TD z = L.Mul(s, s);
        TD w = L.Mul(z, z);
        // t1 = w·(Lg2 + w·(Lg4 + w·Lg6)), t2 = z·(Lg1 + w·(Lg3 + w·(Lg5 + w·Lg7)))
        TD t1 = L.Add(L.Splat(Lg4), L.Mul(w, L.Splat(Lg6)));
        t1 = L.Add(L.Splat(Lg2), L.Mul(w, t1));
        t1 = L.Mul(w, t1);
        TD t2 = L.Add(L.Splat(Lg5), L.Mul(w, L.Splat(Lg7)));
        t2 = L.Add(L.Splat(Lg3), L.Mul(w, t2));
        t2 = L.Add(L.Splat(Lg1), L.Mul(w, t2));
        t2 = L.Mul(z, t2);
        TD r = L.Add(t2, t1);
        TD hfsq = L.Mul(L.Mul(L.Splat(0.5), f), f);
        // k·ln2_hi − ((hfsq − (s·(hfsq + R) + k·ln2_lo)) − f)
        TD inner = L.Add(L.Mul(s, L.Add(hfsq, r)), L.Mul(k, L.Splat(Ln2Lo)));
        return L.Sub(L.Mul(k, L.Splat(Ln2Hi)), L.Sub(L.Sub(hfsq, inner), f));
    }

    /// <summary>
    /// e^x. Overflows to +∞ above about 709.78 and underflows gradually through the subnormals to 0 below about
    /// −745.1, as the true function does; NaN gives an unspecified value.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TD Exp<L, TD, TU>(TD x)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct =>
        L.AllEqual(L.IfLess(L.Abs(x), L.Splat(ModerateExpLimit), L.Splat(0.0), L.Splat(1.0)), 0.0)
            ? Exp<L, TD, TU>(x, moderate: true)
            : Exp<L, TD, TU>(x, moderate: false);

    /// <summary>Below this |x| (every lane), e^x is a normal number far from overflow and underflow: k is within
    /// ±1010, so the clamp is the identity and y·2^k is exact with one power of two.</summary>
    private const double ModerateExpLimit = 700.0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TD Exp<L, TD, TU>(TD x, bool moderate)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        if (!moderate)
        {
            // Clamp so that k below stays within ±1443 (the result is already ±∞ / 0 there).
            x = L.IfGreater(x, L.Splat(1000.0), L.Splat(1000.0), x);
            x = L.IfLess(x, L.Splat(-1000.0), L.Splat(-1000.0), x);
        }

        // x = k·ln2 + r, |r| <= ln2/2; k·Ln2Hi is exact because Ln2Hi has 32 trailing zero bits.
        TD k = L.Sub(L.Add(L.Mul(x, L.Splat(InvLn2)), L.Splat(RoundMagic)), L.Splat(RoundMagic));
        TD hi = L.Sub(x, L.Mul(k, L.Splat(Ln2Hi)));
        TD lo = L.Mul(k, L.Splat(Ln2Lo));
        TD r = L.Sub(hi, lo);
        TD t = L.Mul(r, r);
        // c = r − t·(P1 + t·(P2 + t·(P3 + t·(P4 + t·P5))))
        TD poly = L.Add(L.Splat(P4), L.Mul(t, L.Splat(P5)));
        poly = L.Add(L.Splat(P3), L.Mul(t, poly));
        poly = L.Add(L.Splat(P2), L.Mul(t, poly));
        poly = L.Add(L.Splat(P1), L.Mul(t, poly));
        TD c = L.Sub(r, L.Mul(t, poly));
        // y = 1 − ((lo − (r·c)/(2 − c)) − hi)
        TD y = L.Sub(L.Splat(1.0), L.Sub(L.Sub(lo, L.Div(L.Mul(r, c), L.Sub(L.Splat(2.0), c))), hi));

        if (moderate)
        {
            // |k| <= 1010 and y in (1/2, 2): y·2^k is a normal number and exact, equal to the product below.
            return L.Mul(y, PowerOfTwo<L, TD, TU>(k));
        }

        // y·2^k as y·2^k1·2^k2 with k1 = round(k/2): both factors are normal numbers, the first product is exact
        // and the second rounds once, into the subnormals or to infinity when the true result does.
        TD k1 = L.Sub(L.Add(L.Mul(k, L.Splat(0.5)), L.Splat(RoundMagic)), L.Splat(RoundMagic));
        TD k2 = L.Sub(k, k1);
        return L.Mul(L.Mul(y, PowerOfTwo<L, TD, TU>(k1)), PowerOfTwo<L, TD, TU>(k2));
    }

    /// <summary>2^k for an integer-valued k in [−1022, 1023], built from its bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TD PowerOfTwo<L, TD, TU>(TD k)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        // The low bits of k + 1.5·2^52 are k in two's complement; add the exponent bias and shift into place.
        TU e = L.SubU(L.AsBits(L.Add(k, L.Splat(RoundMagic))), L.SplatU(RoundMagicBits - 1023UL));
        return L.FromBits(L.ShiftLeft(e, 52));
    }

    /// <summary>
    /// sin(2πu) and cos(2πu) ("turns"). The reduction is exact: 4u − round(4u) = f in [−½, ½] needs no
    /// approximation of π, and the angle f·π/2 is formed in double-double before fdlibm's kernels. Valid for
    /// |u| &lt; 2^49; Box-Muller uses u in (0, 1).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SinCos2Pi<L, TD, TU>(TD u, out TD sin, out TD cos)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        TD t = L.Mul(u, L.Splat(4.0)); // exact
        TD shifted = L.Add(t, L.Splat(RoundMagic));
        TD q = L.Sub(shifted, L.Splat(RoundMagic));
        TD f = L.Sub(t, q); // exact, in [-0.5, 0.5]

        // x + xx = f·π/2 to about 2^-80 relative: split f at 2^-26 so both partial products with PiOver2Hi
        // (26 bits) are exact.
        TD magic26 = L.Splat(1.5 * 67108864.0); // rounds to multiples of 2^-26 for |f| <= 0.5
        TD fh = L.Sub(L.Add(f, magic26), magic26);
        TD fl = L.Sub(f, fh);
        TD hi = L.Mul(fh, L.Splat(PiOver2Hi));
        TD tail = L.Add(L.Mul(fl, L.Splat(PiOver2Hi)), L.Mul(f, L.Splat(PiOver2Lo)));
        TD x = L.Add(hi, tail);
        TD xx = L.Sub(tail, L.Sub(x, hi));

        TD s = KernelSin<L, TD, TU>(x, xx);
        TD c = KernelCos<L, TD, TU>(x, xx);

        // Quadrant n = q mod 4: (sin, cos) of n·π/2 + x is (s, c), (c, −s), (−s, −c), (−c, s) for n = 0, 1, 2, 3, that
        // is: swap s and c when bit 0 of n is set, then flip sin's sign when bit 1 is set and cos's when bit 0 xor
        // bit 1 is. n is the low two bits of `shifted`'s significand, which holds 2^51 + q (RoundMagic is 1.5·2^52,
        // a multiple of 4, and the sum's ulp is 1), for negative q too. A sign flip is an XOR of the sign bit, as
        // Negate does.
        TU bits = L.AsBits(shifted);
        TU bit0 = L.ShiftLeft(bits, 63); // bit 0 of n at the sign position
        TU bit1 = L.And(L.ShiftLeft(bits, 62), L.SplatU(SignBit)); // bit 1 of n at the sign position
        TD odd = L.FromBits(L.Or(bit0, L.SplatU(OneBits))); // −1.0 when n is odd, +1.0 when even
        TD first = L.IfLess(odd, L.Splat(0.0), c, s);
        TD second = L.IfLess(odd, L.Splat(0.0), s, c);
        sin = L.FromBits(L.Xor(L.AsBits(first), bit1));
        cos = L.FromBits(L.Xor(L.Xor(L.AsBits(second), bit1), bit0));
    }

    /// <summary>fdlibm __kernel_sin(x, y, 1): sin(x + y) for |x| &lt;= π/4, |y| tiny.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TD KernelSin<L, TD, TU>(TD x, TD y)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        TD z = L.Mul(x, x);
        TD v = L.Mul(z, x);
        // r = S2 + z·(S3 + z·(S4 + z·(S5 + z·S6)))
        TD r = L.Add(L.Splat(S5), L.Mul(z, L.Splat(S6)));
        r = L.Add(L.Splat(S4), L.Mul(z, r));
        r = L.Add(L.Splat(S3), L.Mul(z, r));
        r = L.Add(L.Splat(S2), L.Mul(z, r));
        // x − ((z·(½y − v·r) − y) − v·S1)
        TD a = L.Mul(z, L.Sub(L.Mul(L.Splat(0.5), y), L.Mul(v, r)));
        return L.Sub(x, L.Sub(L.Sub(a, y), L.Mul(v, L.Splat(S1))));
    }

    /// <summary>fdlibm __kernel_cos(x, y): cos(x + y) for |x| &lt;= π/4, |y| tiny; the qx split written branch-free.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TD KernelCos<L, TD, TU>(TD x, TD y)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        TD z = L.Mul(x, x);
        // r = z·(C1 + z·(C2 + z·(C3 + z·(C4 + z·(C5 + z·C6)))))
        TD r = L.Add(L.Splat(C5), L.Mul(z, L.Splat(C6)));
        r = L.Add(L.Splat(C4), L.Mul(z, r));
        r = L.Add(L.Splat(C3), L.Mul(z, r));
        r = L.Add(L.Splat(C2), L.Mul(z, r));
        r = L.Add(L.Splat(C1), L.Mul(z, r));
        r = L.Mul(z, r);
        // qx = 0 for |x| < 0.3, 0.28125 for |x| > 0.78125, else x/4 with the low 32 bits cleared.
        TD ax = L.Abs(x);
        TD quarter = L.FromBits(L.SubU(L.And(L.AsBits(ax), L.SplatU(0xFFFF_FFFF_0000_0000UL)), L.SplatU(0x0020_0000_0000_0000UL)));
        TD qx = L.IfLess(ax, L.Splat(0.3), L.Splat(0.0), L.IfGreater(ax, L.Splat(0.78125), L.Splat(0.28125), quarter));
        TD hz = L.Sub(L.Mul(L.Splat(0.5), z), qx);
        TD a = L.Sub(L.Splat(1.0), qx);
        // a − (hz − (z·r − x·y))
        return L.Sub(a, L.Sub(hz, L.Sub(L.Mul(z, r), L.Mul(x, y))));
    }
}
