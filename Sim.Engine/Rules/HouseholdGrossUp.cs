using System.Runtime.CompilerServices;
using Sim.Engine.Scenarios;
using Sim.Engine.Simd;

namespace Sim.Engine.Rules;

/// <summary>
/// The exact inverse of <see cref="HouseholdTax"/>'s after-tax withdrawal when Social Security is taxed (IRC 86;
/// IRS Publication 915, worksheet 1) and the tax is by brackets (IRC 1(j), 63(c)) or flat: the gross withdrawal W
/// whose net <c>W − tax on the withdrawal − penaltyRate · u</c> equals a target, for a taxable part affine in W,
/// <c>u = fixedTaxable + taxableShare · W</c> (the pro-rata order, docs/model.md "after-tax targets").
/// </summary>
/// <remarks>
/// <para>With B the ordinary income below the withdrawal, M the modified AGI without the benefits and SS the
/// benefits, provisional income is <c>PI = M + SS/2 + u</c> and the taxable benefits S(PI) are piecewise linear with
/// four breakpoints: the base amount, <c>min(base + SS, adjusted)</c> (where ½·SS caps the first tier), the
/// adjusted base amount and <c>adjusted + (0.85·SS − firstTier)/0.85</c> (where 85 % of the benefits caps the
/// second). Gross income <c>G(u) = B + u + S</c> is therefore piecewise linear with slope 1, 1.5 or 1.85, the tax
/// T(G) piecewise linear in G, and net(W) continuous and piecewise linear; it is strictly increasing while
/// <c>topRate · 1.85 + penaltyRate &lt; 1</c> (<see cref="IsIncreasing"/>; 0.37 · 1.85 + 0.10 = 0.78 by brackets).</para>
/// <para>Solving, without iteration: (1) the benefit piece holding the answer is the one after the last IRC 86
/// breakpoint whose net is below the target (net evaluated there exactly, S known at each breakpoint); (2) on that
/// piece G is linear in u, and net as a function of G (extended linearly beyond the piece) is still increasing,
/// so the bracket holding the answer is the one after the last threshold g[k] whose net (T(g[k]) = c[k]) is below
/// the target; (3) on that (piece, bracket) net is linear and W follows from one division:
/// <c>W = (net + c + r·(K + (1+σ)·A − g) − T0 + p·A) / (1 − b·(r·(1+σ) + p))</c>, with G = K + (1+σ)·u on the
/// piece, A = fixedTaxable, b = taxableShare, T0 the tax without the withdrawal. The answer is exact up to the
/// rounding of those few operations (tests: agreement with a bisection of <see cref="HouseholdTax"/> to 1e-9
/// relative and closed forms to the cent).</para>
/// <para>Written once over <see cref="ILanes{TD, TU}"/> (every branch a per-lane select), so the vectorized
/// distribution phase and the per-path phase (the scalar twin <see cref="Lanes1"/>) get the same bits. A breakpoint
/// below W = 0, or an empty piece (two equal breakpoints give the same net, bit for bit), never changes the
/// answer. The tests at breakpoints are multiplied out (no division); with taxableShare = 0 a breakpoint passes
/// exactly when it lies below W = 0, and W = target − net(0).</para>
/// </remarks>
public static class HouseholdGrossUp
{
    /// <summary>The steepest taxable-benefit slope (86(a)(2): 85 cents per dollar of provisional income).</summary>
    public const double SteepestBenefitSlope = 0.85;

    /// <summary>True when net(W) is strictly increasing for every taxable share in [0, 1] (the precondition of
    /// the inverse): the top marginal rate on a dollar that also makes 85 cents of benefits taxable, plus the
    /// additional tax, stays below 1.</summary>
    public static bool IsIncreasing(double topRate, double penaltyRate) =>
        topRate * (1 + SteepestBenefitSlope) + penaltyRate < 1;

    /// <summary>By brackets: the smallest W ≥ 0 with W − <see cref="HouseholdTax.Brackets"/>(…, u).OnWithdrawal −
    /// penaltyRate · u = <paramref name="net"/>, u = fixedTaxable + taxableShare · W; 0 for net ≤ 0.</summary>
    public static double Brackets(TaxSchedule schedule, double otherIncome, double pensions, double benefits,
        double net, double penaltyRate, double taxableShare, double fixedTaxable)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        Check(schedule.Arrays, penaltyRate, taxableShare);
        double before = otherIncome + pensions;
        double taxBefore = schedule.TaxOnGrossIncome(before + TaxableSocialSecurity.Amount(benefits, before, schedule.Status));
        return Solve<Lanes1, double, ulong>(schedule.Arrays, schedule.Status, before, before, benefits, taxBefore, net,
            penaltyRate, taxableShare, fixedTaxable);
    }

    /// <summary>Flat: the smallest W ≥ 0 with W − <see cref="HouseholdTax.Flat"/>(…, u).OnWithdrawal −
    /// penaltyRate · u = <paramref name="net"/>; 0 for net ≤ 0.</summary>
    public static double Flat(double rate, FilingStatus status, double pensions, double benefits, double net,
        double penaltyRate, double taxableShare, double fixedTaxable)
    {
        var flat = TaxScheduleArrays.Flat(rate);
        Check(flat, penaltyRate, taxableShare);
        double s0 = TaxableSocialSecurity.Amount(benefits, pensions, status);
        return Solve<Lanes1, double, ulong>(flat, status, -s0, pensions, benefits, 0.0, net, penaltyRate, taxableShare,
            fixedTaxable);
    }

    private static void Check(TaxScheduleArrays schedule, double penaltyRate, double taxableShare)
    {
        if (!(taxableShare >= 0.0 && taxableShare <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(taxableShare), taxableShare, "The taxable share must be in [0, 1].");
        }

        if (!IsIncreasing(schedule.Rates[^1], penaltyRate))
        {
            throw new ArgumentOutOfRangeException(nameof(penaltyRate), penaltyRate,
                "Top rate × 1.85 plus the penalty must stay below 1 for the net to increase with the withdrawal.");
        }
    }

    /// <summary>
    /// The solve for the lanes of a vector (see the remarks). The tax on gross income G is
    /// <paramref name="schedule"/> at <c>below + u + S(magi + u)</c>, less <paramref name="taxBefore"/> (its value
    /// at u = 0): by brackets below = magi = other income + pensions and taxBefore = T(below + S(magi)); flat, the
    /// one-bracket schedule <see cref="TaxScheduleArrays.Flat"/> with below = −S(pensions), magi = pensions,
    /// taxBefore = 0. Requires <see cref="IsIncreasing"/>.
    /// </summary>
    /// <remarks>Not inlined: it is large, and a caller's own lane code keeps the JIT's inlining budget.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static TD Solve<TL, TD, TU>(TaxScheduleArrays schedule, FilingStatus status, TD below, TD magi,
        TD benefits, TD taxBefore, TD net, double penaltyRate, TD taxableShare, TD fixedTaxable)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        ArgumentNullException.ThrowIfNull(schedule);
        double baseAmount = TaxableSocialSecurity.BaseAmount(status);
        double adjusted = TaxableSocialSecurity.AdjustedBaseAmount(status);
        TD zero = TL.Splat(0.0), p = TL.Splat(penaltyRate);
        TD a = fixedTaxable, b = taxableShare;

        // IRC 86 breakpoints in provisional income and the taxable benefits there.
        TD half = TL.Mul(TL.Splat(0.5), benefits);
        TD capFirst = TL.Splat(0.5 * (adjusted - baseAmount));
        TD firstTier = TL.IfLess(half, capFirst, half, capFirst);
        TD most = TL.Mul(TL.Splat(SteepestBenefitSlope), benefits);
        TD firstCap = TL.Add(TL.Splat(baseAmount), benefits);
        firstCap = TL.IfLess(firstCap, TL.Splat(adjusted), firstCap, TL.Splat(adjusted));
        TD secondCap = TL.Add(TL.Splat(adjusted), TL.Div(TL.Sub(most, firstTier), TL.Splat(SteepestBenefitSlope)));
        TD offset = TL.Add(magi, half); // PI = offset + u

        // A point passes when net there is below the target: (u − A)/b − (tax − T0) − p·u < net, multiplied by b ≥ 0
        // to need no division, (u − A) < b·((net − T0) + tax + p·u); with b = 0 it reads u < A (breakpoints below
        // W = 0 pass, the others do not).
        TD netLess = TL.Sub(net, taxBefore);

        // (1) The benefit piece: S = level + slope · PI after the last breakpoint that passes.
        TD slope = zero, level = zero;
        (slope, level) = Piece<TL, TD, TU>(schedule, TL.Splat(baseAmount), zero, TL.Splat(0.5), TL.Splat(-0.5 * baseAmount),
            offset, below, a, b, netLess, p, slope, level);
        (slope, level) = Piece<TL, TD, TU>(schedule, firstCap, firstTier, zero, firstTier, offset, below, a, b, netLess, p,
            slope, level);
        (slope, level) = Piece<TL, TD, TU>(schedule, TL.Splat(adjusted), firstTier, TL.Splat(SteepestBenefitSlope),
            TL.Sub(firstTier, TL.Splat(SteepestBenefitSlope * adjusted)), offset, below, a, b, netLess, p, slope, level);
        (slope, level) = Piece<TL, TD, TU>(schedule, secondCap, most, zero, most, offset, below, a, b, netLess, p, slope, level);

        // (2) On that piece G = k + (1 + slope) · u; the bracket after the last threshold that passes. At threshold g,
        // u = (g − k)/(1 + slope) and T(g) = c: the test above multiplied by 1 + slope > 0, with d = g − k,
        // d − (1 + slope)·A < b·((1 + slope)·((net − T0) + c) + p·d).
        TD k = TL.Add(TL.Add(below, level), TL.Mul(slope, offset));
        TD onePlus = TL.Add(TL.Splat(1.0), slope);
        TD onePlusA = TL.Mul(onePlus, a);
        ReadOnlySpan<double> g = schedule.GrossThresholds, r = schedule.Rates, c = schedule.CumulativeTax;
        TD ck = zero, rk = zero, gk = zero;
        for (int n = 0; n < g.Length; n++)
        {
            TD gn = TL.Splat(g[n]), cn = TL.Splat(c[n]);
            TD d = TL.Sub(gn, k);
            TD left = TL.Sub(d, onePlusA);
            TD right = TL.Mul(b, TL.Add(TL.Mul(onePlus, TL.Add(netLess, cn)), TL.Mul(p, d)));
            ck = TL.IfLess(left, right, cn, ck);
            rk = TL.IfLess(left, right, TL.Splat(r[n]), rk);
            gk = TL.IfLess(left, right, gn, gk);
        }

        // (3) Linear on (piece, bracket).
        TD numerator = TL.Add(TL.Sub(TL.Add(TL.Add(net, ck),
            TL.Mul(rk, TL.Sub(TL.Add(k, onePlusA), gk))), taxBefore), TL.Mul(p, a));
        TD denominator = TL.Sub(TL.Splat(1.0), TL.Mul(b, TL.Add(TL.Mul(rk, onePlus), p)));
        TD w = TL.Div(numerator, denominator);
        w = TL.IfGreater(w, zero, w, zero);
        return TL.IfGreater(net, zero, w, zero);

    }

    /// <summary>A breakpoint at provisional income <paramref name="pi"/> with taxable benefits <paramref name="s"/>
    /// there: past it (it passes) the piece is (<paramref name="nextSlope"/>, <paramref name="nextLevel"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TD Slope, TD Level) Piece<TL, TD, TU>(TaxScheduleArrays schedule, TD pi, TD s, TD nextSlope,
        TD nextLevel, TD offset, TD below, TD a, TD b, TD netLess, TD p, TD slope, TD level)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        TD u = TL.Sub(pi, offset);
        TD tax = schedule.TaxOnGross<TL, TD, TU>(TL.Add(TL.Add(below, u), s));
        TD left = TL.Sub(u, a);
        TD right = TL.Mul(b, TL.Add(TL.Add(netLess, tax), TL.Mul(p, u)));
        return (TL.IfLess(left, right, nextSlope, slope), TL.IfLess(left, right, nextLevel, level));
    }
}
