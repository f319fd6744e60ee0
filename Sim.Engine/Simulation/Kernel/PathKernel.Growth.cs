using System.Runtime.CompilerServices;
using Sim.Engine.Simd;
using Sim.Engine.Simulation.Policies;

namespace Sim.Engine.Simulation;

/// <summary>Phase C.</summary>
internal sealed partial class PathKernel
{
    /// <summary>The per-year scalars and switches Phase C uses (the switches are the same for every lane, so their
    /// branches cost nothing and skip the loads and stores a year does not need). <see cref="StoreInflation"/> and
    /// <see cref="StoreReturn"/>: next year distributes and its policy reads last year's inflation or return
    /// (<see cref="PolicySlots"/>); <see cref="StoreWithdrawals"/> and <see cref="StorePenalties"/>: the metric varies by
    /// path this year (a metric the same on every path is not stored, <see cref="YearMetrics.Constant"/>).</summary>
    private readonly record struct YearConstants(
        double ExpenseRatio, double PretaxIn, double RothIn, double EmployerTracked, bool Forfeit, double VestedFraction,
        bool Employed, bool Taxed, bool Loans, bool Roth, bool StoreInflation, bool StoreReturn, bool Income,
        bool StoreWithdrawals, bool StorePenalties)
    {
        public YearConstants(YearPlan y, double expenseRatio, bool taxed, bool loans, bool roth, PolicySlots previous,
            YearMetrics m)
            : this(expenseRatio,
                y.EmployeePretax + y.Match + y.NonElective,
                y.EmployeeRoth,
                y.Match + (y.NonElectiveVested ? 0 : y.NonElective),
                y.LastEmploymentYear,
                y.VestedFraction,
                y.Employed,
                taxed,
                loans,
                roth,
                (previous & PolicySlots.PreviousInflation) != 0,
                (previous & PolicySlots.PreviousReturn) != 0,
                y.Income.Any,
                m.Constant((int)Metric.Withdrawals) is null,
                m.Constant((int)Metric.Penalties) is null)
        {
        }
    }

    /// <summary>
    /// Phase C, one lane per path: g = 1 + R; each source grows to x·g and pays fee x·g·er; contributions are
    /// credited after the return (they pay no fee this year); forfeiture of the unvested employer money at the end of
    /// the last employment year; I(Y+1) = I(Y)(1 + inflation); metrics.
    /// </summary>
    private void Grow(in YearConstants k, PathState st, BlockScratch scratch, YearMetrics m, int start, int count)
    {
        var loop = new GrowLoop(k, st, scratch, m, start);
        WidthDriver.Run(_width, count, ref loop);
    }

    /// <summary>Lanes of paths start + j.. (state and metrics) = block elements j.. (scratch).</summary>
    private readonly struct GrowLoop(YearConstants k, PathState st, BlockScratch scratch, YearMetrics m, int start)
        : ILaneLoop
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Lanes<TL, TD, TU>(int j)
            where TL : struct, ILanes<TD, TU>
            where TD : struct
            where TU : struct
        {
            int i = start + j;
            TD one = TL.Splat(1.0);
            TD er = TL.Splat(k.ExpenseRatio);
            TD ret = Ld<TL, TD, TU>(scratch.Return, j);
            TD inflation = Ld<TL, TD, TU>(scratch.Returns.Inflation, j);
            TD g = TL.Add(one, ret);

            TD pre = TL.Mul(Ld<TL, TD, TU>(st.Pretax, i), g);
            TD feePre = TL.Mul(pre, er);
            pre = TL.Sub(pre, feePre);
            pre = TL.Add(pre, TL.Splat(k.PretaxIn));
            TD fees = feePre;
            TD roth = TL.Splat(0.0);
            if (k.Roth)
            {
                roth = TL.Mul(Ld<TL, TD, TU>(st.Roth, i), g);
                TD feeRoth = TL.Mul(roth, er);
                roth = TL.Sub(roth, feeRoth);
                roth = TL.Add(roth, TL.Splat(k.RothIn));
                fees = TL.Add(feePre, feeRoth);
            }

            if (k.RothIn != 0)
            {
                St<TL, TD, TU>(TL.Add(Ld<TL, TD, TU>(st.RothBasis, i), TL.Splat(k.RothIn)), st.RothBasis, i);
            }

            if (k.Employed)
            {
                // The employer-source part (vesting) is tracked only while employed; separation settles it.
                TD emp = TL.Mul(Ld<TL, TD, TU>(st.Employer, i), g);
                emp = TL.Sub(emp, TL.Mul(emp, er));
                emp = TL.Add(emp, TL.Splat(k.EmployerTracked));
                if (k.Forfeit)
                {
                    TD forfeit = TL.Mul(emp, TL.Splat(1.0 - k.VestedFraction));
                    pre = TL.Sub(pre, forfeit);
                    emp = TL.Splat(0.0);
                    St<TL, TD, TU>(forfeit, m[Metric.Forfeitures], i);
                }

                St<TL, TD, TU>(emp, st.Employer, i);
            }

            TD index = TL.Mul(Ld<TL, TD, TU>(st.Index, i), TL.Add(one, inflation));
            TD balance = k.Roth ? TL.Add(pre, roth) : pre;
            if (k.Loans)
            {
                TD loan = Ld<TL, TD, TU>(st.Loan, i);
                balance = TL.Add(balance, loan);
                St<TL, TD, TU>(loan, m[Metric.LoanBalance], i);
            }

            St<TL, TD, TU>(pre, st.Pretax, i);
            St<TL, TD, TU>(index, st.Index, i);
            if (k.StoreInflation)
            {
                St<TL, TD, TU>(inflation, st.PrevInflation, i);
            }

            if (k.StoreReturn)
            {
                St<TL, TD, TU>(ret, st.PrevReturn, i);
            }

            if (k.Roth)
            {
                St<TL, TD, TU>(roth, st.Roth, i);
                St<TL, TD, TU>(roth, m[Metric.RothBalance], i);
            }

            if (k.Roth || k.Loans)
            {
                St<TL, TD, TU>(balance, m[Metric.Balance], i);
            }

            St<TL, TD, TU>(TL.Div(balance, index), m[Metric.BalanceReal], i);
            St<TL, TD, TU>(pre, m[Metric.PretaxBalance], i);
            St<TL, TD, TU>(fees, m[Metric.Fees], i);
            if (k.Taxed)
            {
                TD gross = Ld<TL, TD, TU>(scratch.Gross, j);
                TD tax = Ld<TL, TD, TU>(scratch.Tax, j);
                TD penalty = Ld<TL, TD, TU>(scratch.Penalty, j);
                if (k.StoreWithdrawals)
                {
                    St<TL, TD, TU>(gross, m[Metric.Withdrawals], i);
                }

                St<TL, TD, TU>(tax, m[Metric.Taxes], i);
                if (k.StorePenalties)
                {
                    St<TL, TD, TU>(penalty, m[Metric.Penalties], i);
                }

                if (k.Income)
                {
                    // The household's spendable money (docs/model.md section 11): withdrawal + income − the account's
                    // tax − penalty − the tax the income pays on its own.
                    TD income = Ld<TL, TD, TU>(scratch.Income, j);
                    TD net = TL.Sub(TL.Sub(TL.Sub(TL.Add(gross, income), tax), penalty), Ld<TL, TD, TU>(scratch.IncomeTax, j));
                    St<TL, TD, TU>(income, m[Metric.Income], i);
                    St<TL, TD, TU>(TL.Div(net, index), m[Metric.NetIncomeReal], i);
                }
                else
                {
                    St<TL, TD, TU>(TL.Div(TL.Sub(TL.Sub(gross, tax), penalty), index), m[Metric.NetIncomeReal], i);
                }

                St<TL, TD, TU>(TL.Add(Ld<TL, TD, TU>(st.TotalTaxes, i), tax), st.TotalTaxes, i);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TD Ld<TL, TD, TU>(double[] source, int index)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct => LaneArrays.Load<TL, TD, TU>(source, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void St<TL, TD, TU>(TD value, double[] destination, int index)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct => LaneArrays.Store<TL, TD, TU>(value, destination, index);
}
