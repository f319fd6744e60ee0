using System.Runtime.CompilerServices;
using Sim.Engine.Rules;
using Sim.Engine.Scenarios;
using Sim.Engine.Simd;

namespace Sim.Engine.Simulation;

/// <summary>Phase B: the after-tax gross-up solver.</summary>
internal sealed partial class PathKernel
{
    /// <summary>
    /// afterTax: the gross withdrawal whose net (gross − tax − penalty) equals the target. With the pro-rata order
    /// the taxable part is affine in the gross amount (RMD first, then a fixed mix of the sources), so the rules
    /// layer's exact piecewise-linear inverse applies: <see cref="TaxSchedule.GrossUp(double, double, double, double, double)"/>
    /// or <see cref="FlatTax.GrossUp(double, double, double, double, double)"/> without Social Security,
    /// <see cref="HouseholdGrossUp"/> (IRC 86 included) with it, through <see cref="ProRataNeed{TL, TD, TU}"/>; the
    /// vectorized phase runs both in lanes (the same code: the scalar inverses are the one-lane instances). The other
    /// orders change the mix once a source runs dry: two affine pieces, each solved by the same inverse, with or
    /// without Social Security (<see cref="OrderedNeed{TL, TD, TU}"/>, in lanes too). Where no exact inverse applies,
    /// net is still continuous, increasing and piecewise linear, and regula falsi (Illinois) on [target, balance]
    /// converges to floating-point precision.
    /// </summary>
    private double SolveGross(YearPlan y, double index, double net, double pre, double roth, double rmdPre,
        double rmdRoth, double rothShareTaxable)
    {
        if (net <= 0)
        {
            return 0;
        }

        double penaltyRate = y.PenaltyApplies ? EarlyWithdrawalPenalty.Rate : 0;
        bool proRataForm = ProRataForm;
        if (y.Taxation.ExactGrossUpWithBenefits(y))
        {
            y.Taxation.Without<Lanes1, double, ulong>(y, index, out var without);
            return proRataForm
                ? ProRataNeed<Lanes1, double, ulong>(y, without, index, net, pre, roth, rmdPre, rmdRoth,
                    rothShareTaxable, penaltyRate)
                : OrderedNeed<Lanes1, double, ulong>(y, without, index, net, pre - rmdPre, roth - rmdRoth, rmdPre,
                    rmdRoth, rothShareTaxable, penaltyRate, _withdrawals.Order);
        }

        if (!proRataForm && y.Taxation.ExactGrossUpWithoutBenefits(y, penaltyRate))
        {
            // Only the pensions of the income part are read without Social Security.
            y.Taxation.Without<Lanes1, double, ulong>(y, index, out var without);
            return OrderedNeed<Lanes1, double, ulong>(y, without, index, net, pre - rmdPre, roth - rmdRoth, rmdPre,
                rmdRoth, rothShareTaxable, penaltyRate, _withdrawals.Order);
        }

        double preLeft = pre - rmdPre, rothLeft = roth - rmdRoth;
        // Pensions are ordinary income stacked under the withdrawal (docs/model.md section 11); Social Security makes
        // the taxable amount depend on the withdrawal (IRC 86), which the exact piecewise-linear inverse does not
        // cover: then the root find below, on the same exact net function.
        if (proRataForm && preLeft + rothLeft > 0 && y.Income.SocialSecurityToday == 0)
        {
            double total = preLeft + rothLeft;
            var (share, fixedTaxable) = ProRataTaxable<Lanes1, double, ulong>(total, preLeft / total, rmdPre, rmdRoth,
                rothShareTaxable);
            return y.Brackets is { } b
                ? b.GrossUp(y.Taxation.IncomeBelow(y, index), net, penaltyRate, share, fixedTaxable)
                : FlatTax.GrossUp(_scenario.Taxes.Rate, penaltyRate, net, share, fixedTaxable);
        }

        double Net(double gross)
        {
            (double wPre, double wRoth) = Split(gross, pre, roth, rmdPre, rmdRoth);
            double taxable = wPre + wRoth * rothShareTaxable;
            double tax = y.Income.Any ? y.Taxation.Split(y, index, taxable).OnWithdrawal : TaxOn(y, index, taxable);
            return gross - tax - (y.PenaltyApplies ? EarlyWithdrawalPenalty.Rate * taxable : 0);
        }

        double balance = pre + roth;
        double lo = Math.Min(net, balance), hi = balance;
        double flo = Net(lo) - net, fhi = Net(hi) - net;
        if (flo >= 0)
        {
            return lo;
        }

        if (fhi < 0)
        {
            // Even the whole balance does not net the target: the gross need exceeds the balance (a failure).
            return balance + (net - (fhi + net));
        }

        int side = 0;
        for (int iter = 0; iter < 200 && hi - lo > 1e-9 * Math.Max(1, hi); iter++)
        {
            double mid = (lo * fhi - hi * flo) / (fhi - flo);
            double fm = Net(mid) - net;
            if (fm == 0)
            {
                return mid;
            }

            if (fm < 0)
            {
                lo = mid;
                flo = fm;
                if (side == -1)
                {
                    fhi /= 2;
                }

                side = -1;
            }
            else
            {
                hi = mid;
                fhi = fm;
                if (side == 1)
                {
                    flo /= 2;
                }

                side = 1;
            }
        }

        return hi;
    }

    /// <summary>
    /// The pro-rata after-tax need, exact, for the lanes of a vector: with Social Security
    /// <see cref="HouseholdTaxation.GrossUp{TL, TD, TU}"/> (the per-path phase calls this with <see cref="Lanes1"/>),
    /// without it <see cref="HouseholdTaxation.GrossUpWithoutBenefits{TL, TD, TU}"/> (the code whose one-lane instance
    /// the per-path phase runs through <see cref="TaxSchedule.GrossUp(double, double, double, double, double)"/> and
    /// <see cref="FlatTax.GrossUp(double, double, double, double, double)"/>), so both phases get the same bits.
    /// taxable(W) = rmdPre + rmdRoth·s + (W − rmd)·(φ + (1 − φ)·s) with φ the pre-tax share of what the RMD leaves;
    /// when the RMD leaves nothing the taxable part is fixed (share 0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TD ProRataNeed<TL, TD, TU>(YearPlan y, in IncomeLanes<TD> without, TD index, TD net, TD pre,
        TD roth, TD rmdPre, TD rmdRoth, TD rothShareTaxable, double penaltyRate)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        TD preLeft = TL.Sub(pre, rmdPre), rothLeft = TL.Sub(roth, rmdRoth);
        TD total = TL.Add(preLeft, rothLeft);
        return ProRataNeedFromLeft<TL, TD, TU>(y, without, index, net, total, TL.Div(preLeft, total), rmdPre, rmdRoth,
            rothShareTaxable, penaltyRate);
    }

    /// <summary>The order's after-tax solve is the pro-rata one: the pro-rata order, or any order when the scenario
    /// has no Roth money (every order then takes the whole gross from pre-tax).</summary>
    private bool ProRataForm => _withdrawals.Order == WithdrawalOrder.ProRata || !_hasRoth;

    /// <summary>
    /// The traditionalFirst / rothFirst after-tax need, exact, for the lanes of a vector (the per-path phase calls it
    /// with <see cref="Lanes1"/>). After the RMD the order takes one source until it runs dry, then the other,
    /// so the taxable part is affine on two pieces of W: with <c>base = rmdPre + rmdRoth·s</c> (the RMD's taxable part),
    /// <c>first</c> what the RMD leaves of the first source and b₁, b₂ the taxable shares of the first and second source
    /// (1 for pre-tax, s for Roth), taxable = base + b₁·(W − rmd) up to W = rmd + first and
    /// base + b₁·first + b₂·(W − rmd − first) beyond. net(W) is continuous and increasing, so the answer is piece one's
    /// exact inverse (<see cref="AffineNeed{TL, TD, TU}"/>) when that lies within piece one, else piece two's. Beyond
    /// the balance piece two is extended (the need then exceeds the opening balance: a failure). An empty account needs
    /// its target (piece one is empty and piece two has no taxable part).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TD OrderedNeed<TL, TD, TU>(YearPlan y, in IncomeLanes<TD> without, TD index, TD net, TD preLeft,
        TD rothLeft, TD rmdPre, TD rmdRoth, TD rothShareTaxable, double penaltyRate, WithdrawalOrder order)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        TD one = TL.Splat(1.0);
        bool traditionalFirst = order == WithdrawalOrder.TraditionalFirst;
        TD first = traditionalFirst ? preLeft : rothLeft;
        TD b1 = traditionalFirst ? one : rothShareTaxable, b2 = traditionalFirst ? rothShareTaxable : one;
        TD rmd = TL.Add(rmdPre, rmdRoth);
        TD rmdTaxable = TL.Add(rmdPre, TL.Mul(rmdRoth, rothShareTaxable));
        TD w1 = AffineNeed<TL, TD, TU>(y, without, index, net, penaltyRate, b1, TL.Sub(rmdTaxable, TL.Mul(b1, rmd)));
        TD beyond = TL.IfGreater(TL.Sub(w1, rmd), first, one, TL.Splat(0.0));
        if (TL.AllEqual(beyond, 0.0))
        {
            return w1; // every lane's answer lies within piece one (piece two would be computed and discarded)
        }

        TD fixed2 = TL.Sub(TL.Add(rmdTaxable, TL.Mul(b1, first)), TL.Mul(b2, TL.Add(rmd, first)));
        TD w2 = AffineNeed<TL, TD, TU>(y, without, index, net, penaltyRate, b2, fixed2);
        return TL.IfEqual(beyond, one, w2, w1);
    }

    /// <summary>The exact gross withdrawal for a taxable part affine in it, u = fixedTaxable + taxableShare · W: with
    /// Social Security <see cref="HouseholdTaxation.GrossUp{TL, TD, TU}"/> (IRC 86), without it
    /// <see cref="HouseholdTaxation.GrossUpWithoutBenefits{TL, TD, TU}"/> (brackets or flat).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TD AffineNeed<TL, TD, TU>(YearPlan y, in IncomeLanes<TD> without, TD index, TD net,
        double penaltyRate, TD taxableShare, TD fixedTaxable)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct =>
        y.Income.SocialSecurityToday != 0
            ? y.Taxation.GrossUp<TL, TD, TU>(y, without, net, penaltyRate, taxableShare, fixedTaxable)
            : y.Taxation.GrossUpWithoutBenefits<TL, TD, TU>(y, index, without.Pensions, net, penaltyRate, taxableShare,
                fixedTaxable);

    /// <summary>
    /// The pro-rata order's taxable part as an affine function of the gross W, u = fixedTaxable + share · W:
    /// taxable(W) = rmdPre + rmdRoth·s + (W − rmd)·(φ + (1 − φ)·s) with φ = preLeft / total the pre-tax share of what
    /// the RMD leaves; when it leaves nothing (total = 0) the taxable part is fixed (share 0; the discarded side may be
    /// 0/0). One definition for both inverses and both phases.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TD Share, TD FixedTaxable) ProRataTaxable<TL, TD, TU>(TD total, TD phi, TD rmdPre, TD rmdRoth,
        TD rothShareTaxable)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        TD zero = TL.Splat(0.0);
        TD share = TL.IfGreater(total, zero, TL.Add(phi, TL.Mul(TL.Sub(TL.Splat(1.0), phi), rothShareTaxable)), zero);
        return (share, TL.Sub(TL.Add(rmdPre, TL.Mul(rmdRoth, rothShareTaxable)), TL.Mul(TL.Add(rmdPre, rmdRoth), share)));
    }

    /// <summary><see cref="ProRataNeed{TL, TD, TU}"/> from what the RMD leaves, <paramref name="total"/> = preLeft + rothLeft, and φ = preLeft / total (the caller
    /// that also splits by φ divides once).</summary>
    /// <remarks>Without Social Security the per-path phase (<see cref="SolveGross"/>) uses the inverse only where
    /// total &gt; 0; where the RMD leaves nothing it runs its root find. The lanes take that only where the year
    /// guarantees it means an empty account (<see cref="ExactAfterTaxInLanes"/>: no RMD or a divisor ≥ 2, so total = 0
    /// only when pre = roth = 0), and there the root find returns the target itself: balance = 0, so lo = min(net, 0)
    /// = 0 = hi, Net(0) = 0 − 0 − 0 (no withdrawal, no tax, no penalty), flo = fhi = −net &lt; 0, and it returns
    /// balance + (net − (fhi + net)) = 0 + (net − 0) = net. A target ≤ 0 needs 0 before either.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TD ProRataNeedFromLeft<TL, TD, TU>(YearPlan y, in IncomeLanes<TD> without, TD index, TD net, TD total,
        TD phi, TD rmdPre, TD rmdRoth, TD rothShareTaxable, double penaltyRate)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        TD zero = TL.Splat(0.0);
        var (share, fixedTaxable) = ProRataTaxable<TL, TD, TU>(total, phi, rmdPre, rmdRoth, rothShareTaxable);
        TD gross = AffineNeed<TL, TD, TU>(y, without, index, net, penaltyRate, share, fixedTaxable);
        if (y.Income.SocialSecurityToday != 0)
        {
            return gross;
        }

        // total > 0 ? the inverse : the empty account's root find (net); then net <= 0 ? 0 (SolveGross's first test).
        gross = TL.IfGreater(total, zero, gross, net);
        return TL.IfLess(net, zero, zero, TL.IfEqual(net, zero, zero, gross));
    }
}
