using System.Runtime.CompilerServices;
using Sim.Engine.Rules;
using Sim.Engine.Scenarios;
using Sim.Engine.Simd;
using Sim.Engine.Simulation.Policies;

namespace Sim.Engine.Simulation;

/// <summary>Phase B, vectorized, for the common distribution year.</summary>
internal sealed partial class PathKernel
{
    /// <summary>
    /// The common distribution year, vectorized: separated, a policy with a lane form, gross targets (no afterTax
    /// solve), no loans, no income streams, no deferred first RMD, not the rollover year. Pre-tax and Roth money
    /// (basis, the qualified test, the 2022-2023 Roth RMD), every source order, and flat or bracket taxes all run in
    /// lanes. What is left to the per-path phase (<see cref="Distribute{TPolicy}"/>) is rare: in-service years,
    /// afterTax gross-ups, loans, deferred RMDs, income streams, separation actions. Every width, the scalar one
    /// included, runs this same code, and each lane performs the per-path phase's IEEE operations in its order, so
    /// the two phases give the same bits (FastDistributionFacts, ShippedFingerprintFacts).
    /// </summary>
    private bool FastDistributionYear(YearPlan y) =>
        !_scalarDistribution && !y.Employed && !_hasLoans && !_withdrawals.AfterTax
        && !_withdrawals.DeferFirstRmd && !y.RmdDeferredThisYear && !y.Income.Any && !y.RolloverYear
        && (!y.SeparationYear || _separation is StayInPlan);

    /// <summary>Year <paramref name="y"/> distributes, and every path does it in the vectorized phase (tests pin
    /// which shipped scenarios stay on it; the per-path phase is the slower fallback).</summary>
    internal bool DistributesVectorized(YearPlan y) => Distributes(y) && _runner.Vectorized && FastDistributionYear(y);

    private void DistributeFast<TPolicy>(in TPolicy policy, YearPlan y, PathState st, BlockScratch scratch,
        YearMetrics m, int start, int count, ref StepCounts counts)
        where TPolicy : struct, IWithdrawalPolicy
    {
        var k = new FastConstants(y.RmdDivisor, _scenario.Taxes.Rate, y.PenaltyApplies ? EarlyWithdrawalPenalty.Rate : 0,
            (policy.Slots & PolicySlots.PreviousTarget) != 0, _hasRoth, y.RmdDivisor > 0 && y.RothRmd, y.RothQualified,
            _withdrawals.Order, y.Brackets?.Arrays, _otherIncome);
        var loop = new FastLoop<TPolicy>(policy, k, y, st, scratch, m, start);
        WidthDriver.Run(_width, count, ref loop);

        // Failure and RMD-binding bookkeeping: cheap, per path, from the need and opening balance the lanes left.
        bool canFail = policy.CanFail;
        double[] rmd = m[Metric.Rmd];
        for (int j = 0; j < count; j++)
        {
            int i = start + j;
            double need = scratch.Need[j];
            if (canFail && st.FailureAge[i] == 0 && need > scratch.Opening[j])
            {
                st.FailureAge[i] = y.Age;
            }

            counts.Failed += st.FailureAge[i] != 0 ? 1 : 0;
            counts.RmdBinding += (k.Divisor > 0 ? rmd[i] : 0) > need ? 1 : 0;
        }
    }

    /// <summary>The per-year scalars of the fast distribution phase (uniform across lanes, so branching on them
    /// inside the lane body costs no divergence). <see cref="Brackets"/> is null for the flat tax.</summary>
    private readonly record struct FastConstants(double Divisor, double TaxRate, double PenaltyRate, bool StoreTarget,
        bool HasRoth, bool RothRmd, bool RothQualified, WithdrawalOrder Order, TaxScheduleArrays? Brackets,
        double OtherIncome);

    /// <summary>
    /// Lane layout: lane l of a vector is path <c>start + j + l</c> (PathState, metrics) and block element
    /// <c>j + l</c> (BlockScratch); lanes never interact. The width driver runs whole vectors from j = 0 and the
    /// remainder (count mod width) one element at a time through the scalar twin <see cref="Lanes1"/>.
    /// Every per-path branch of <see cref="Distribute{TPolicy}"/> and <see cref="Split"/> is a per-lane select
    /// (both sides computed, the discarded side may hold 0/0 and is never stored); the comments name the scalar
    /// expression each select reproduces. <c>Math.Max(0, x)</c> is <c>x &gt; 0 ? x : 0</c> and <c>Math.Min(a, b)</c>
    /// is <c>a &lt; b ? a : b</c>: the same value for the non-NaN, non-negative-zero operands that occur here.
    /// </summary>
    private readonly struct FastLoop<TPolicy>(TPolicy policy, FastConstants k, YearPlan y, PathState st,
        BlockScratch scratch, YearMetrics m, int start) : ILaneLoop
        where TPolicy : struct, IWithdrawalPolicy
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Lanes<TL, TD, TU>(int j)
            where TL : struct, ILanes<TD, TU>
            where TD : struct
            where TU : struct
        {
            if (k.HasRoth)
            {
                WithRoth<TL, TD, TU>(j);
                return;
            }

            int i = start + j;
            TD zero = TL.Splat(0.0);
            TD pre = Ld<TL, TD, TU>(st.Pretax, i);
            TD opening = pre;

            TD rmd = zero;
            if (k.Divisor > 0)
            {
                rmd = TL.Div(pre, TL.Splat(k.Divisor));
                rmd = TL.IfGreater(rmd, pre, pre, rmd);
                St<TL, TD, TU>(rmd, m[Metric.Rmd], i);
            }

            TD target = policy.Target<TL, TD, TU>(y, st, i, opening);
            if (k.StoreTarget)
            {
                St<TL, TD, TU>(target, st.Target, i);
            }

            // gross = min(max(need, rmd), opening); with only pre-tax money the whole gross comes from pre-tax.
            TD gross = TL.IfGreater(target, rmd, target, rmd);
            gross = TL.IfGreater(gross, opening, opening, gross);
            TD left = TL.Sub(pre, gross);
            St<TL, TD, TU>(TL.IfLess(left, zero, zero, left), st.Pretax, i);
            Outcome<TL, TD, TU>(i, j, gross, gross, target, opening);
        }

        /// <summary>
        /// Pre-tax and Roth money: <see cref="Distribute{TPolicy}"/> followed by <see cref="ChargeTax"/>, operation
        /// for operation, for a separated year with a gross target and no deferred RMD.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void WithRoth<TL, TD, TU>(int j)
            where TL : struct, ILanes<TD, TU>
            where TD : struct
            where TU : struct
        {
            int i = start + j;
            TD zero = TL.Splat(0.0);
            TD pre = Ld<TL, TD, TU>(st.Pretax, i);
            TD roth = Ld<TL, TD, TU>(st.Roth, i);
            TD opening = TL.Add(pre, roth);

            // rmdPre = min(pre / d, pre); rmdRoth = min(roth / d, roth) in 2022-2023 only, else 0.
            TD rmdPre = zero, rmdRoth = zero;
            if (k.Divisor > 0)
            {
                TD d = TL.Splat(k.Divisor);
                rmdPre = TL.Div(pre, d);
                rmdPre = TL.IfLess(rmdPre, pre, rmdPre, pre);
                if (k.RothRmd)
                {
                    rmdRoth = TL.Div(roth, d);
                    rmdRoth = TL.IfLess(rmdRoth, roth, rmdRoth, roth);
                }
            }

            TD rmd = TL.Add(rmdPre, rmdRoth);
            if (k.Divisor > 0)
            {
                St<TL, TD, TU>(rmd, m[Metric.Rmd], i);
            }

            TD target = policy.Target<TL, TD, TU>(y, st, i, opening);
            if (k.StoreTarget)
            {
                St<TL, TD, TU>(target, st.Target, i);
            }

            // rothShareTaxable = qualified || roth <= 0 ? 0 : max(0, 1 − basis / roth).
            TD basis = Ld<TL, TD, TU>(st.RothBasis, i);
            TD share = zero;
            if (!k.RothQualified)
            {
                share = Max0<TL, TD, TU>(TL.Sub(TL.Splat(1.0), TL.Div(basis, roth)));
                share = TL.IfGreater(roth, zero, share, zero);
            }

            // gross = min(max(need, rmd), opening).
            TD gross = TL.IfGreater(target, rmd, target, rmd);
            gross = TL.IfGreater(gross, opening, opening, gross);

            // Split (spec 12): rest = max(0, gross − rmdPre − rmdRoth), then the order on what the RMD left.
            TD rest = Max0<TL, TD, TU>(TL.Sub(TL.Sub(gross, rmdPre), rmdRoth));
            TD preLeft = TL.Sub(pre, rmdPre), rothLeft = TL.Sub(roth, rmdRoth);
            TD fromPre;
            switch (k.Order)
            {
                case WithdrawalOrder.TraditionalFirst:
                    fromPre = TL.IfLess(rest, preLeft, rest, preLeft);
                    break;
                case WithdrawalOrder.RothFirst:
                    fromPre = TL.Sub(rest, TL.IfLess(rest, rothLeft, rest, rothLeft));
                    break;
                default:
                    // rothLeft == 0 ? (preLeft > 0 ? rest : 0) : total > 0 ? rest * (preLeft / total) : 0.
                    TD total = TL.Add(preLeft, rothLeft);
                    TD shared = TL.IfGreater(total, zero, TL.Mul(rest, TL.Div(preLeft, total)), zero);
                    fromPre = TL.IfEqual(rothLeft, zero, TL.IfGreater(preLeft, zero, rest, zero), shared);
                    break;
            }

            fromPre = TL.IfLess(fromPre, preLeft, fromPre, preLeft);
            TD diff = TL.Sub(rest, fromPre);
            TD fromRoth = TL.IfLess(diff, rothLeft, diff, rothLeft);

            // (wPre, wRoth) = gross >= opening ? (pre, roth) : roth == 0 ? (gross, 0) : split.
            TD wPre = TL.IfLess(gross, opening, TL.IfEqual(roth, zero, gross, TL.Add(rmdPre, fromPre)), pre);
            TD wRoth = TL.IfLess(gross, opening, TL.IfEqual(roth, zero, zero, TL.Add(rmdRoth, fromRoth)), roth);

            TD taxable = TL.Add(wPre, TL.Mul(wRoth, share));
            St<TL, TD, TU>(Max0<TL, TD, TU>(TL.Sub(basis, TL.Mul(wRoth, TL.Sub(TL.Splat(1.0), share)))), st.RothBasis, i);
            St<TL, TD, TU>(Max0<TL, TD, TU>(TL.Sub(pre, wPre)), st.Pretax, i);
            St<TL, TD, TU>(Max0<TL, TD, TU>(TL.Sub(roth, wRoth)), st.Roth, i);

            // The per-path phase accumulates into zeroed scratch (0 + x) before charging the tax.
            gross = TL.Add(zero, gross);
            taxable = TL.Add(zero, taxable);
            Outcome<TL, TD, TU>(i, j, gross, taxable, target, opening);
        }

        /// <summary>What a distribution lane leaves for the rest of the year: the gross withdrawal, the tax and the
        /// penalty on its taxable part, and the need and opening balance the failure bookkeeping reads.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Outcome<TL, TD, TU>(int i, int j, TD gross, TD taxable, TD target, TD opening)
            where TL : struct, ILanes<TD, TU>
            where TD : struct
            where TU : struct
        {
            St<TL, TD, TU>(gross, scratch.Gross, j);
            St<TL, TD, TU>(Tax<TL, TD, TU>(taxable, i), scratch.Tax, j);
            St<TL, TD, TU>(TL.Mul(TL.Splat(k.PenaltyRate), taxable), scratch.Penalty, j);
            St<TL, TD, TU>(target, scratch.Need, j);
            St<TL, TD, TU>(opening, scratch.Opening, j);
        }

        /// <summary>
        /// <see cref="ChargeTax"/> without income streams: taxable &gt; 0 ? tax : 0, the tax flat
        /// (<see cref="FlatTax.Tax"/>) or <c>T(other · index + taxable) − T(other · index)</c> by brackets.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private TD Tax<TL, TD, TU>(TD taxable, int i)
            where TL : struct, ILanes<TD, TU>
            where TD : struct
            where TU : struct
        {
            TD zero = TL.Splat(0.0);
            if (k.Brackets is not { } b)
            {
                return TL.IfGreater(taxable, zero, TL.Mul(TL.Splat(k.TaxRate), taxable), zero);
            }

            TD other = TL.Mul(TL.Splat(k.OtherIncome), Ld<TL, TD, TU>(st.Index, i));
            TD tax = TL.Sub(TaxOnGross<TL, TD, TU>(b, TL.Add(other, taxable)), TaxOnGross<TL, TD, TU>(b, other));
            return TL.IfGreater(taxable, zero, tax, zero);
        }

        /// <summary>
        /// <see cref="TaxSchedule.TaxOnGrossIncome"/> per lane: the bracket search (last k with threshold[k] ≤ x) is a
        /// linear scan of selects over the ascending thresholds, then the same <c>c[k] + r[k] · (x − g[k])</c>, and 0
        /// where <c>!(x &gt; g[0])</c>.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static TD TaxOnGross<TL, TD, TU>(TaxScheduleArrays b, TD x)
            where TL : struct, ILanes<TD, TU>
            where TD : struct
            where TU : struct
        {
            ReadOnlySpan<double> g = b.GrossThresholds, r = b.Rates, c = b.CumulativeTax;
            TD g0 = TL.Splat(g[0]);
            TD gk = g0, rk = TL.Splat(r[0]), ck = TL.Splat(c[0]);
            for (int n = 1; n < g.Length; n++)
            {
                TD t = TL.Splat(g[n]);
                // x < g[n] keeps the lower bracket; otherwise g[n] ≤ x and bracket n is a candidate.
                gk = TL.IfLess(x, t, gk, t);
                rk = TL.IfLess(x, t, rk, TL.Splat(r[n]));
                ck = TL.IfLess(x, t, ck, TL.Splat(c[n]));
            }

            TD tax = TL.Add(ck, TL.Mul(rk, TL.Sub(x, gk)));
            return TL.IfGreater(x, g0, tax, TL.Splat(0.0));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static TD Max0<TL, TD, TU>(TD x)
            where TL : struct, ILanes<TD, TU>
            where TD : struct
            where TU : struct
        {
            TD zero = TL.Splat(0.0);
            return TL.IfGreater(x, zero, x, zero);
        }
    }
}
