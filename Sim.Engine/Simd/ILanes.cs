namespace Sim.Engine.Simd;

/// <summary>
/// A "lanes" abstraction: the handful of operations the random-number and return kernels need, over
/// <typeparamref name="TD"/> (a vector of doubles, or one double) and <typeparamref name="TU"/> (the same lanes
/// seen as 64-bit unsigned integers). Kernels are written once as generic methods constrained to a struct
/// implementing this interface; the JIT compiles one specialized copy per struct, so the abstraction costs nothing.
/// </summary>
/// <remarks>
/// <para>Bit-identity contract: every implementation must give, lane by lane, exactly the result the scalar
/// <see cref="Lanes1"/> gives. That holds because only IEEE-754 correctly rounded operations are exposed (+, −, ×,
/// ÷, √, floor), plus comparisons, selects and integer/bit operations. Nothing fuses a multiply and an add (no
/// FMA: RyuJIT never contracts <c>a*b+c</c>), and no library transcendental (Math.Log, Vector512.Exp, ...) is
/// used, because those differ by an ulp between scalar and vector implementations.</para>
/// <para>Comparisons are folded into selects (<c>IfLess(a, b, t, f)</c> = <c>a &lt; b ? t : f</c> per lane,
/// ordered: false when either side is NaN), so no separate mask type is needed.</para>
/// <para>Integer lanes always hold values below 2^64; <see cref="MulLow32"/> reads only the low 32 bits of its
/// operands.</para>
/// </remarks>
public interface ILanes<TD, TU>
    where TD : struct
    where TU : struct
{
    /// <summary>Number of lanes (1, 4 or 8).</summary>
    static abstract int Count { get; }

    /// <summary>All lanes = <paramref name="value"/>.</summary>
    static abstract TD Splat(double value);

    /// <summary>Reads <see cref="Count"/> doubles starting at <paramref name="source"/> (caller checks bounds).</summary>
    static abstract TD Load(ref double source);

    /// <summary>Writes <see cref="Count"/> doubles starting at <paramref name="destination"/> (caller checks bounds).</summary>
    static abstract void Store(TD value, ref double destination);

    /// <summary>Per lane a + b, correctly rounded.</summary>
    static abstract TD Add(TD a, TD b);
    /// <summary>Per lane a − b, correctly rounded.</summary>
    static abstract TD Sub(TD a, TD b);
    /// <summary>Per lane a × b, correctly rounded (never fused with a following add).</summary>
    static abstract TD Mul(TD a, TD b);
    /// <summary>Per lane a ÷ b, correctly rounded.</summary>
    static abstract TD Div(TD a, TD b);
    /// <summary>Per lane √a, correctly rounded (NaN for a negative lane).</summary>
    static abstract TD Sqrt(TD a);

    /// <summary>Round toward negative infinity (exact).</summary>
    static abstract TD Floor(TD a);

    /// <summary>Flips the sign bit (so −0 and +0 swap, unlike <c>0 − a</c>).</summary>
    static abstract TD Negate(TD a);

    /// <summary>Clears the sign bit.</summary>
    static abstract TD Abs(TD a);

    /// <summary>Per lane <c>a &lt; b ? whenTrue : whenFalse</c>.</summary>
    static abstract TD IfLess(TD a, TD b, TD whenTrue, TD whenFalse);

    /// <summary>Per lane <c>a &gt; b ? whenTrue : whenFalse</c>.</summary>
    static abstract TD IfGreater(TD a, TD b, TD whenTrue, TD whenFalse);

    /// <summary>Per lane <c>a == b ? whenTrue : whenFalse</c>.</summary>
    static abstract TD IfEqual(TD a, TD b, TD whenTrue, TD whenFalse);

    /// <summary>True when every lane equals <paramref name="value"/>.</summary>
    static abstract bool AllEqual(TD a, double value);

    /// <summary>Reinterprets the bits of each double lane as a 64-bit unsigned integer.</summary>
    static abstract TU AsBits(TD a);

    /// <summary>Reinterprets 64-bit integers as doubles.</summary>
    static abstract TD FromBits(TU a);

    /// <summary>All integer lanes = <paramref name="value"/>.</summary>
    static abstract TU SplatU(ulong value);

    /// <summary>Lanes <c>first, first + 1, ..., first + Count − 1</c> (path indices of one chunk).</summary>
    static abstract TU Sequence(ulong first);

    /// <summary>Per lane a + b modulo 2^64.</summary>
    static abstract TU AddU(TU a, TU b);
    /// <summary>Per lane a − b modulo 2^64.</summary>
    static abstract TU SubU(TU a, TU b);
    /// <summary>Per lane bitwise a AND b.</summary>
    static abstract TU And(TU a, TU b);
    /// <summary>Per lane bitwise a OR b.</summary>
    static abstract TU Or(TU a, TU b);
    /// <summary>Per lane bitwise a XOR b.</summary>
    static abstract TU Xor(TU a, TU b);
    /// <summary>Per lane logical shift left by <paramref name="count"/> bits (0..63).</summary>
    static abstract TU ShiftLeft(TU a, int count);
    /// <summary>Per lane logical (zero-filling) shift right by <paramref name="count"/> bits (0..63).</summary>
    static abstract TU ShiftRight(TU a, int count);

    /// <summary>Full 64-bit product of the low 32 bits of <paramref name="a"/> and of <paramref name="b"/> (vpmuludq:
    /// the high halves are ignored).</summary>
    static abstract TU MulLow32(TU a, TU b);

    /// <summary>Writes <see cref="Count"/> integer lanes starting at <paramref name="destination"/>.</summary>
    static abstract void StoreU(TU value, ref ulong destination);

    /// <summary>Writes 2·<see cref="Count"/> values from <paramref name="destination"/> on, lane by lane in pairs:
    /// a[0], b[0], a[1], b[1], ... (the path-pair normals of <c>LaneDraws.FillPathPairs</c>).</summary>
    static abstract void StoreInterleaved(TD a, TD b, ref double destination);
}
