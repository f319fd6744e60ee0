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
    /// The common distribution year, vectorized: separated, a policy with a lane form, gross targets, flat tax,
    /// pro-rata order, and no Roth money, loans or deferred first RMD anywhere in the run. Then the per-path phase
    /// reduces to straight-line arithmetic: RMD = pre-tax / divisor, target, gross = min(max(target, RMD), balance),
    /// tax and penalty on the gross. Every width, the scalar one included, runs this same code, and it gives the same
    /// bits as the per-path phase (with no Roth money the whole gross comes from pre-tax in both).
    /// </summary>
    private bool FastDistributionYear(YearPlan y) =>
        !_scalarDistribution && !y.Employed && !_hasRoth && !_hasLoans && !_withdrawals.AfterTax
        && !_withdrawals.DeferFirstRmd && _withdrawals.Order == WithdrawalOrder.ProRata && y.Brackets is null
        && !y.Income.Any && !y.RolloverYear;

    private void DistributeFast<TPolicy>(in TPolicy policy, YearPlan y, PathState st, BlockScratch scratch,
        YearMetrics m, int start, int count, ref StepCounts counts)
        where TPolicy : struct, IWithdrawalPolicy
    {
        var k = new FastConstants(y.RmdDivisor, _scenario.Taxes.Rate, y.PenaltyApplies ? EarlyWithdrawalPenalty.Rate : 0,
            (policy.Slots & PolicySlots.PreviousTarget) != 0);
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

    /// <summary>The per-year scalars of the fast distribution phase.</summary>
    private readonly record struct FastConstants(double Divisor, double TaxRate, double PenaltyRate, bool StoreTarget);

    /// <summary>Lanes of paths start + j.. (state, metrics) = block elements j.. (scratch).</summary>
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
            St<TL, TD, TU>(gross, scratch.Gross, j);
            St<TL, TD, TU>(TL.Mul(TL.Splat(k.TaxRate), gross), scratch.Tax, j);
            St<TL, TD, TU>(TL.Mul(TL.Splat(k.PenaltyRate), gross), scratch.Penalty, j);
            St<TL, TD, TU>(target, scratch.Need, j);
            St<TL, TD, TU>(opening, scratch.Opening, j);
        }
    }
}
