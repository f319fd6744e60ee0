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
    /// The common distribution year, vectorized: separated, a policy with a lane form, no loan events, not a year that
    /// defers or pays a deferred first RMD, not the rollover year, and gross targets or after-tax targets the lanes
    /// solve exactly (<see cref="ExactAfterTaxInLanes"/>: <see cref="ProRataNeed{TL, TD, TU}"/> and
    /// <see cref="OrderedNeed{TL, TD, TU}"/>, with or without Social Security). Pre-tax and Roth money (basis, the
    /// qualified test, the 2022-2023 Roth RMD), every source order, flat or bracket taxes, and income streams (Social
    /// Security taxed under IRC 86 and pensions, each path's from its inflation index) all run in lanes. What is left
    /// to the per-path phase (<see cref="Distribute{TPolicy}"/>) is rare: in-service years, the other after-tax
    /// solves, years with loan events, deferred RMDs, separation actions. Every width, the scalar one included, runs this same code,
    /// and each lane performs the per-path phase's IEEE operations in its order, so the two phases give the same bits
    /// (FastDistributionFacts, VectorizedDistributionFacts, ShippedFingerprintFacts).
    /// </summary>
    /// <remarks>A deferred first RMD: only the first RMD year (which defers its requirement) and the next (which pays
    /// it) need the per-path phase; in every later year what is deferred is +0, and adding it (rmdPre + 0, rmdPre ≥ +0)
    /// leaves the RMD's bits as the lanes compute them.
    /// Loans: only a year with loan events (repayment, the deemed distribution at separation, origination;
    /// <see cref="YearPlan.LoanEvents"/>) needs the per-path phase. Loans originate only while employed and the
    /// separation year deems any outstanding balance distributed, so in every later year no path has a loan and the
    /// per-path phase would compute what the lanes do.</remarks>
    private bool FastDistributionYear(YearPlan y) =>
        !_scalarDistribution && !y.Employed && !(_hasLoans && y.LoanEvents) && (!_withdrawals.AfterTax || ExactAfterTaxInLanes(y))
        && !y.RmdDeferredThisYear && !y.PaysDeferredRmd && !y.RolloverYear
        && (!y.SeparationYear || _separation is StayInPlan);

    /// <summary>
    /// The after-tax solves of <see cref="SolveGross"/> the lanes reproduce: with Social Security the exact inverse of
    /// <see cref="HouseholdGrossUp"/> in every order (<see cref="ProRataNeed{TL, TD, TU}"/>,
    /// <see cref="OrderedNeed{TL, TD, TU}"/>); without it the exact inverse by brackets or flat, where its rate plus
    /// penalty stays below 100% (the scalar throws otherwise: such years keep that behaviour per path), in every order;
    /// with the pro-rata form (<see cref="ProRataForm"/>) also only where the RMD cannot take a whole positive balance (no RMD, or a divisor ≥ 2: then pre/d &lt; pre for every pre &gt; 0, subnormals included, so what
    /// the RMD leaves is 0 only for an empty account, whose root find the lanes reproduce). A divisor below 2 does not
    /// occur in the IRS tables (Uniform Lifetime 2.0 at 120+); it would stay per path (the other orders' two pieces have
    /// no such branch).
    /// </summary>
    private bool ExactAfterTaxInLanes(YearPlan y) =>
        y.Taxation.ExactGrossUpWithBenefits(y)
        || (y.Taxation.ExactGrossUpWithoutBenefits(y, y.PenaltyApplies ? EarlyWithdrawalPenalty.Rate : 0)
            && (!ProRataForm || y.RmdDivisor == 0 || y.RmdDivisor >= 2));

    /// <summary>Year <paramref name="y"/> distributes, and every path does it in the vectorized phase (tests pin
    /// which shipped scenarios stay on it; the per-path phase is the slower fallback).</summary>
    internal bool DistributesVectorized(YearPlan y) => Distributes(y) && _runner.Vectorized && FastDistributionYear(y);

    private void DistributeFast<TPolicy>(in TPolicy policy, YearPlan y, PathState st, BlockScratch scratch,
        YearMetrics m, int start, int count, ref StepCounts counts)
        where TPolicy : struct, IWithdrawalPolicy
    {
        var k = new FastConstants(y.RmdDivisor, _scenario.Taxes.Rate, y.PenaltyApplies ? EarlyWithdrawalPenalty.Rate : 0,
            (policy.Slots & PolicySlots.PreviousTarget) != 0, _hasRoth, y.RmdDivisor > 0 && y.RothRmd, y.RothQualified,
            _withdrawals.Order, y.Brackets?.Arrays, _otherIncome, _withdrawals.AfterTax, y.Income.Any);
        var loop = new FastLoop<TPolicy>(policy, k, y, st, scratch, m, start);
        WidthDriver.Run(_width, count, ref loop);

        // Failure and RMD-binding bookkeeping: cheap, per path, from the need and opening balance the lanes left
        // (spans over the block and counts in locals: no bounds check or store through the ref per path).
        bool canFail = policy.CanFail;
        int age = y.Age, failed = 0, binding = 0;
        Span<int> failure = st.FailureAge.AsSpan(start, count);
        ReadOnlySpan<double> needs = scratch.Need.AsSpan(0, count), opening = scratch.Opening.AsSpan(0, count);
        for (int j = 0; j < failure.Length; j++)
        {
            if (canFail && failure[j] == 0 && needs[j] > opening[j])
            {
                failure[j] = age;
            }

            failed += failure[j] != 0 ? 1 : 0;
        }

        if (k.Divisor > 0)
        {
            ReadOnlySpan<double> rmd = m[Metric.Rmd].AsSpan(start, count);
            for (int j = 0; j < rmd.Length; j++)
            {
                binding += rmd[j] > needs[j] ? 1 : 0;
            }
        }
        else
        {
            // (0 > need): a negative need, which no target gives; counted as the per-path phase does.
            for (int j = 0; j < needs.Length; j++)
            {
                binding += 0.0 > needs[j] ? 1 : 0;
            }
        }

        counts.Failed += failed;
        counts.RmdBinding += binding;
    }

    /// <summary>The per-year scalars of the fast distribution phase (uniform across lanes, so branching on them
    /// inside the lane body costs no divergence). <see cref="Brackets"/> is null for the flat tax. <see cref="AfterTax"/>:
    /// the target is net and the lanes solve the gross need; <see cref="Income"/>: income streams pay this year.</summary>
    private readonly record struct FastConstants(double Divisor, double TaxRate, double PenaltyRate, bool StoreTarget,
        bool HasRoth, bool RothRmd, bool RothQualified, WithdrawalOrder Order, TaxScheduleArrays? Brackets,
        double OtherIncome, bool AfterTax, bool Income);

    /// <summary>
    /// Lane layout: lane l of a vector is path <c>start + j + l</c> (PathState, metrics) and block element
    /// <c>j + l</c> (BlockScratch); lanes never interact. The width driver runs whole vectors from j = 0 and the
    /// remainder (count mod width) one element at a time through the scalar twin <see cref="Lanes1"/>.
    /// Every per-path branch of <see cref="Distribute{TPolicy}"/> and <see cref="Split"/> is a per-lane select
    /// (both sides computed, the discarded side may hold 0/0 and is never stored); the comments name the scalar
    /// expression each select reproduces. <c>Math.Max(0, x)</c> is <c>x &gt; 0 ? x : 0</c> and <c>Math.Min(a, b)</c>
    /// is <c>a &lt; b ? a : b</c>: the same value for the non-NaN, non-negative-zero operands that occur here.
    /// </summary>
    [SkipLocalsInit]
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
            TD index = IncomeWithout<TL, TD, TU>(i, out IncomeLanes<TD> without);

            TD pre = Ld<TL, TD, TU>(st.Pretax, i);
            TD opening = pre;

            TD rmd = zero;
            if (k.Divisor > 0)
            {
                rmd = TL.Div(pre, TL.Splat(k.Divisor));
                rmd = TL.IfGreater(rmd, pre, pre, rmd);
                St<TL, TD, TU>(rmd, m[Metric.Rmd], i);
            }

            TD target = policy.Target<TL, TD, TU>(y, st, i, opening, without);
            if (k.StoreTarget)
            {
                St<TL, TD, TU>(target, st.Target, i);
            }

            // After tax: the exact gross need, with no Roth money (roth, its RMD and taxable share all 0).
            TD need = k.AfterTax
                ? ProRataNeed<TL, TD, TU>(y, without, index, target, pre, zero, rmd, zero, zero, k.PenaltyRate)
                : target;

            // gross = min(max(need, rmd), opening); with only pre-tax money the whole gross comes from pre-tax.
            TD gross = TL.IfGreater(need, rmd, need, rmd);
            gross = TL.IfGreater(gross, opening, opening, gross);
            TD left = TL.Sub(pre, gross);
            St<TL, TD, TU>(TL.IfLess(left, zero, zero, left), st.Pretax, i);
            Outcome<TL, TD, TU>(i, j, gross, gross, need, opening, index, without);
        }

        /// <summary>
        /// With income, the tax without the withdrawal, once per lane (the target, the gross-up and the tax use it),
        /// and the lanes' inflation index it is computed from (zero without income). Called first in a lane step: the
        /// call clobbers every vector register, and there only the index is live across it.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private TD IncomeWithout<TL, TD, TU>(int i, out IncomeLanes<TD> without)
            where TL : struct, ILanes<TD, TU>
            where TD : struct
            where TU : struct
        {
            if (!k.Income)
            {
                // After tax without income the gross-up reads the index (other income · index by brackets).
                without = default;
                return k.AfterTax ? Ld<TL, TD, TU>(st.Index, i) : TL.Splat(0.0);
            }

            TD index = Ld<TL, TD, TU>(st.Index, i);
            y.Taxation.Without<TL, TD, TU>(y, index, out without);
            return index;
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
            TD index = IncomeWithout<TL, TD, TU>(i, out IncomeLanes<TD> without);

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

            TD target = policy.Target<TL, TD, TU>(y, st, i, opening, without);
            if (k.StoreTarget)
            {
                St<TL, TD, TU>(target, st.Target, i);
            }

            // rothShareTaxable = qualified || roth <= 0 ? 0 : max(0, 1 − basis / roth). The basis is read and kept
            // only before qualification (see Distribute).
            TD basis = k.RothQualified ? zero : Ld<TL, TD, TU>(st.RothBasis, i);
            TD share = zero;
            if (!k.RothQualified)
            {
                share = Max0<TL, TD, TU>(TL.Sub(TL.Splat(1.0), TL.Div(basis, roth)));
                share = TL.IfGreater(roth, zero, share, zero);
            }

            // What the RMD leaves, and φ = its pre-tax share (the after-tax solve and the pro-rata split use the same
            // quotient; the discarded side may be 0/0).
            TD preLeft = TL.Sub(pre, rmdPre), rothLeft = TL.Sub(roth, rmdRoth);
            TD total = TL.Add(preLeft, rothLeft);
            bool proRata = k.Order is not WithdrawalOrder.TraditionalFirst and not WithdrawalOrder.RothFirst;
            TD phi = proRata ? TL.Div(preLeft, total) : zero;

            // After tax: the exact gross need (SolveGross), from the same RMD and taxable share.
            TD need = !k.AfterTax ? target
                : proRata ? ProRataNeedFromLeft<TL, TD, TU>(y, without, index, target, total, phi, rmdPre, rmdRoth, share, k.PenaltyRate)
                : OrderedNeed<TL, TD, TU>(y, without, index, target, preLeft, rothLeft, rmdPre, rmdRoth, share,
                    k.PenaltyRate, k.Order);

            // gross = min(max(need, rmd), opening).
            TD gross = TL.IfGreater(need, rmd, need, rmd);
            gross = TL.IfGreater(gross, opening, opening, gross);

            // Split (spec 12): rest = max(0, gross − rmdPre − rmdRoth), then the order on what the RMD left.
            TD rest = Max0<TL, TD, TU>(TL.Sub(TL.Sub(gross, rmdPre), rmdRoth));
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
                    TD shared = TL.IfGreater(total, zero, TL.Mul(rest, phi), zero);
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
            if (!k.RothQualified)
            {
                St<TL, TD, TU>(Max0<TL, TD, TU>(TL.Sub(basis, TL.Mul(wRoth, TL.Sub(TL.Splat(1.0), share)))), st.RothBasis, i);
            }

            St<TL, TD, TU>(Max0<TL, TD, TU>(TL.Sub(pre, wPre)), st.Pretax, i);
            St<TL, TD, TU>(Max0<TL, TD, TU>(TL.Sub(roth, wRoth)), st.Roth, i);

            // The per-path phase accumulates into zeroed scratch (0 + x) before charging the tax.
            gross = TL.Add(zero, gross);
            taxable = TL.Add(zero, taxable);
            Outcome<TL, TD, TU>(i, j, gross, taxable, need, opening, index, without);
        }

        /// <summary>What a distribution lane leaves for the rest of the year: the gross withdrawal, the tax and the
        /// penalty on its taxable part, the need and opening balance the failure bookkeeping reads, and with income
        /// streams the income and the tax it pays on its own (<see cref="ChargeTax"/>).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Outcome<TL, TD, TU>(int i, int j, TD gross, TD taxable, TD need, TD opening, TD index,
            in IncomeLanes<TD> without)
            where TL : struct, ILanes<TD, TU>
            where TD : struct
            where TU : struct
        {
            St<TL, TD, TU>(gross, scratch.Gross, j);
            if (k.Income)
            {
                // HouseholdTaxation.Split: the tax includes the benefits the withdrawal makes taxable (no taxable > 0
                // test, as per path); the part without the withdrawal was computed once for the lane.
                St<TL, TD, TU>(y.Taxation.OnWithdrawal<TL, TD, TU>(y, without, taxable), scratch.Tax, j);
                St<TL, TD, TU>(without.OnIncomeAlone, scratch.IncomeTax, j);
                St<TL, TD, TU>(y.Income.Total<TL, TD, TU>(index), scratch.Income, j);
            }
            else
            {
                St<TL, TD, TU>(Tax<TL, TD, TU>(taxable, i), scratch.Tax, j);
            }

            St<TL, TD, TU>(TL.Mul(TL.Splat(k.PenaltyRate), taxable), scratch.Penalty, j);
            St<TL, TD, TU>(need, scratch.Need, j);
            St<TL, TD, TU>(opening, scratch.Opening, j);
        }

        /// <summary>
        /// <see cref="ChargeTax"/> without income streams: taxable &gt; 0 ? tax : 0, the tax flat
        /// (<see cref="FlatTax.Tax"/>) or <c>T(other · index + taxable) − T(other · index)</c> by brackets
        /// (<see cref="TaxScheduleArrays.TaxOnGross{TL, TD, TU}"/>).
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
            TD tax = TL.Sub(b.TaxOnGross<TL, TD, TU>(TL.Add(other, taxable)), b.TaxOnGross<TL, TD, TU>(other));
            return TL.IfGreater(taxable, zero, tax, zero);
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
