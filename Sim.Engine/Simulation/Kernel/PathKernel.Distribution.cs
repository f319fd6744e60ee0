using System.Runtime.CompilerServices;
using Sim.Engine.Rules;
using Sim.Engine.Scenarios;
using Sim.Engine.Simulation.Policies;

namespace Sim.Engine.Simulation;

/// <summary>Phase B, per path: the general distribution year (any strategy, Roth and basis, brackets, after-tax
/// targets, deferred RMDs, in-service distributions). The reference definition: its lane twin
/// (PathKernel.FastDistribution.cs) runs every separated year without loan events, deferred RMDs or a rollover whose
/// targets are gross or solved exactly after tax (<see cref="ExactAfterTaxInLanes"/>), with the same operations in the
/// same order.</summary>
internal sealed partial class PathKernel
{
    /// <summary>
    /// Phase B for a block, instantiated once per policy type (called through <see cref="DistributionRunner{TPolicy}"/>):
    /// the vectorized phase in the common case the policy supports, else the per-path phase, loans and the tax charge.
    /// </summary>
    internal void DistributeYear<TPolicy>(in TPolicy policy, YearPlan y, PathState st, BlockScratch scratch,
        YearMetrics m, int start, int count, bool loanEvents, ref StepCounts counts)
        where TPolicy : struct, IWithdrawalPolicy
    {
        if (policy.Vectorized && FastDistributionYear(y))
        {
            DistributeFast(policy, y, st, scratch, m, start, count, ref counts);
            return;
        }

        bool distributes = Distributes(y);
        for (int j = 0; j < count; j++)
        {
            int i = start + j;
            scratch.Gross[j] = 0;
            scratch.Tax[j] = 0;
            scratch.Penalty[j] = 0;
            scratch.PlanTaxable[j] = 0;
            if (y.SeparationYear)
            {
                // January 1 of the retirement year, before the year's distributions (docs/model.md section 13).
                _separation.Apply(y, st, scratch, i, j);
            }

            Distribute(policy, y, st, scratch, i, j, distributes, m, ref counts);
            if (loanEvents)
            {
                counts.LoansCut += LoanEvents(y, st, scratch, i, j);
            }

            ChargeTax(y, st, scratch, i, j);
        }
    }

    /// <summary>
    /// Step 2 of docs/model.md section 2 for path i: RMD first, then the strategy's target, the source order, failure.
    /// Writes Gross, the withdrawal's taxable part (into Tax, turned into tax by <see cref="ChargeTax"/>), and the
    /// rmd metric.
    /// </summary>
    private void Distribute<TPolicy>(in TPolicy policy, YearPlan y, PathState st, BlockScratch scratch, int i, int j,
        bool distributes, YearMetrics m, ref StepCounts counts)
        where TPolicy : struct, IWithdrawalPolicy
    {
        if (!distributes)
        {
            return;
        }

        double pre = st.Pretax[i], roth = st.Roth[i];
        double opening = pre + roth;

        // RMD: pre-tax balance of December 31 of Y-1 over the divisor (Roth too in 2022-2023 only).
        double rmdPre = 0, rmdRoth = 0;
        if (y.RmdDivisor > 0)
        {
            rmdPre = pre / y.RmdDivisor;
            rmdRoth = y.RothRmd ? roth / y.RmdDivisor : 0;
            if (y.RmdDeferredThisYear)
            {
                st.DeferredRmd[i] = rmdPre + rmdRoth;
                rmdPre = rmdRoth = 0;
            }
            else if (_withdrawals.DeferFirstRmd)
            {
                rmdPre += st.DeferredRmd[i];
                st.DeferredRmd[i] = 0;
            }

            rmdPre = Math.Min(rmdPre, pre);
            rmdRoth = Math.Min(rmdRoth, roth);
        }

        double rmd = rmdPre + rmdRoth;
        if (y.RmdDivisor > 0)
        {
            m[Metric.Rmd][i] = rmd;
        }

        double target = Target(policy, y, st, i, opening);
        bool afterTax = _withdrawals.AfterTax && !y.Employed;
        double rothShareTaxable = y.RothQualified || roth <= 0 ? 0 : Math.Max(0, 1 - st.RothBasis[i] / roth);
        double need = afterTax
            ? SolveGross(y, st.Index[i], target, pre, roth, rmdPre, rmdRoth, rothShareTaxable)
            : target;

        bool canFail = !y.Employed && policy.CanFail;
        if (canFail && need > opening && st.FailureAge[i] == 0)
        {
            st.FailureAge[i] = y.Age;
        }

        counts.Failed += st.FailureAge[i] != 0 ? 1 : 0;
        counts.RmdBinding += rmd > need ? 1 : 0;
        double gross = Math.Min(Math.Max(need, rmd), opening);
        // Paying the whole balance empties both sources exactly (a pro-rata split would leave ±1e-11 residues that
        // later years would carry as negative balances, RMDs and taxes).
        // With no Roth money the whole gross comes from pre-tax, exactly (rmd + (gross − rmd) need not round back to
        // gross): the one definition the vectorized phase shares (docs/model.md, "Distribution year").
        (double wPre, double wRoth) = gross >= opening ? (pre, roth)
            : roth == 0 ? (gross, 0)
            : Split(gross, pre, roth, rmdPre, rmdRoth);

        double taxable = wPre + wRoth * rothShareTaxable;
        // The basis only decides the taxable share of a non-qualified withdrawal, and qualification never ends (its
        // age and five-year tests only become true, RothQualification.IsQualified): from the first qualified year on it
        // is neither read nor kept.
        if (_hasRoth && !y.RothQualified)
        {
            st.RothBasis[i] = Math.Max(0, st.RothBasis[i] - wRoth * (1 - rothShareTaxable));
        }

        if (y.Employed && pre > 0)
        {
            // In-service withdrawals shrink the vesting-tracked employer part in proportion (after separation it is 0).
            st.Employer[i] *= (pre - wPre) / pre;
        }

        // A source the split exhausts can end at −1 ulp (rmd + (pre − rmd) need not round back to pre): clamp at 0.
        st.Pretax[i] = Math.Max(0, pre - wPre);
        st.Roth[i] = Math.Max(0, roth - wRoth);
        // Added to what the separation action may already have paid out this year (the withheld 20%).
        scratch.Gross[j] += gross;
        scratch.Tax[j] += taxable;
    }

    /// <summary>This year's target: in-service distributions while employed (a shared knob, docs/model.md section
    /// 5), else the strategy's policy, whose target is kept for next year when it asks for it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Target<TPolicy>(in TPolicy policy, YearPlan y, PathState st, int i, double opening)
        where TPolicy : struct, IWithdrawalPolicy
    {
        if (y.Employed)
        {
            // In-service distributions (a fixed amount in today's dollars, or a rate of the opening balance).
            var s = _withdrawals.InService;
            return y.InService && s is not null ? s.Amount is { } a ? a * st.Index[i] : (s.Rate ?? 0) * opening : 0;
        }

        double target = policy.Target(y, st, i, opening);
        if ((policy.Slots & PolicySlots.PreviousTarget) != 0)
        {
            st.Target[i] = target;
        }

        return target;
    }

    /// <summary>Source order (docs/model.md section 5): the RMD from pre-tax (and Roth in 2022-2023) first, the rest by the order.</summary>
    private (double Pre, double Roth) Split(double gross, double pre, double roth, double rmdPre, double rmdRoth)
    {
        double rest = Math.Max(0, gross - rmdPre - rmdRoth);
        double preLeft = pre - rmdPre, rothLeft = roth - rmdRoth;
        double fromPre;
        switch (_withdrawals.Order)
        {
            case WithdrawalOrder.TraditionalFirst:
                fromPre = Math.Min(rest, preLeft);
                break;
            case WithdrawalOrder.RothFirst:
                fromPre = rest - Math.Min(rest, rothLeft);
                break;
            default:
                // With no Roth left the pro-rata share is exactly 1 (x / x == 1), so skip the division.
                double total = preLeft + rothLeft;
                fromPre = rothLeft == 0 ? (preLeft > 0 ? rest : 0) : total > 0 ? rest * (preLeft / total) : 0;
                break;
        }

        fromPre = Math.Min(fromPre, preLeft);
        double fromRoth = Math.Min(rest - fromPre, rothLeft);
        return (rmdPre + fromPre, rmdRoth + fromRoth);
    }

    /// <summary>Income tax on this year's taxable amount: flat, or T(other + x) − T(other) by brackets.</summary>
    private double TaxOn(YearPlan y, double index, double taxable) => y.Brackets is { } b
        ? b.IncrementalTax(_otherIncome * index, taxable)
        : FlatTax.Tax(_scenario.Taxes.Rate, taxable);

    /// <summary>Turns the taxable amount left in Tax by Distribute, the separation action and LoanEvents into tax
    /// and penalty; with income streams (docs/model.md section 11) the tax includes the benefits the withdrawal makes
    /// taxable, and Income and IncomeTax are filled for the net income.</summary>
    private void ChargeTax(YearPlan y, PathState st, BlockScratch scratch, int i, int j)
    {
        double taxable = scratch.Tax[j];
        if (y.Income.Any)
        {
            double index = st.Index[i];
            (scratch.Tax[j], scratch.IncomeTax[j]) = y.Taxation.Split(y, index, taxable);
            scratch.Income[j] = y.Income.Total(index);
        }
        else
        {
            scratch.Tax[j] = taxable > 0 ? TaxOn(y, st.Index[i], taxable) : 0;
        }

        if (y.PlanPenaltyApplies != y.PenaltyApplies)
        {
            // After a rollover the IRA's rule covers the withdrawals; what the plan itself paid out in the rollover
            // year (the withheld 20%, a deemed loan distribution) keeps the plan's rule.
            double plan = scratch.PlanTaxable[j];
            scratch.Penalty[j] = (y.PenaltyApplies ? EarlyWithdrawalPenalty.Rate * (taxable - plan) : 0)
                                 + (y.PlanPenaltyApplies ? EarlyWithdrawalPenalty.Rate * plan : 0);
        }
        else
        {
            scratch.Penalty[j] = y.PenaltyApplies ? EarlyWithdrawalPenalty.Rate * taxable : 0;
        }
    }
}
