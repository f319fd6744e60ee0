using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Sim.Engine.Returns;
using Sim.Engine.Rules;
using Sim.Engine.Scenarios;
using Sim.Engine.Simd;

namespace Sim.Engine.Simulation;

/// <summary>
/// One year of spec section 2 for a block of paths. Three phases:
/// <list type="bullet">
/// <item>A (vectorized): the portfolio return R = Σ w_k r_k for this year's target weights.</item>
/// <item>B (per path, branchy): distributions (RMD, strategy target, source order, taxes and the 10% additional
/// tax, failure) and loan events. Skipped as a whole in years that have none.</item>
/// <item>C (vectorized): growth by (1 + R), the expense ratio, end-of-year contributions, forfeiture, the
/// inflation index, and the year's metrics.</item>
/// </list>
/// The vectorized phases are written once over <see cref="ILanes{TD, TU}"/>; each lane is one path, lanes never
/// interact, and every lane executes the same IEEE operations in the same order as the scalar twin
/// (<see cref="Lanes1"/>), so all widths give identical numbers. A block whose length is not a multiple of the
/// width finishes its last paths with the scalar twin.
/// </summary>
internal sealed class PathKernel
{
    private readonly Scenario _scenario;
    private readonly double _expenseRatio;
    private readonly Withdrawals _withdrawals;
    private readonly SimdWidth _width;
    private readonly double _otherIncome;
    private readonly bool _hasLoans;
    /// <summary>Forces the per-path distribution phase everywhere (tests compare it with the fast path).</summary>
    private readonly bool _scalarDistribution;
    /// <summary>False when no Roth money ever exists on any path: the Roth state and metric are then skipped.</summary>
    private readonly bool _hasRoth;

    public PathKernel(Scenario scenario, IReadOnlyList<YearPlan> plan, SimdWidth width, bool scalarDistribution = false)
    {
        _scenario = scenario;
        _expenseRatio = scenario.Fees.ExpenseRatio;
        _withdrawals = scenario.Withdrawals;
        _otherIncome = scenario.Taxes.OtherIncome;
        _hasLoans = scenario.Loans.Count > 0;
        _scalarDistribution = scalarDistribution;
        _hasRoth = scenario.Account.RothBalance > 0 || plan.Any(y => y.EmployeeRoth > 0);
        _width = SimdWidths.Resolve(width);
    }

    public SimdWidth Width => _width;

    /// <summary>Opening balances of startYear (spec 12: already retired → the employer balance counts as vested).</summary>
    public void Initialize(PathState st, int start, int count)
    {
        var a = _scenario.Account;
        bool retired = Milestones.Of(_scenario).RetiredAtStart;
        st.Pretax.AsSpan(start, count).Fill(a.PretaxBalance);
        st.Employer.AsSpan(start, count).Fill(retired ? 0 : a.EmployerBalance);
        st.Roth.AsSpan(start, count).Fill(a.RothBalance);
        st.RothBasis.AsSpan(start, count).Fill(a.RothBasis ?? a.RothBalance);
        st.Index.AsSpan(start, count).Fill(1.0);
        st.Loan.AsSpan(start, count).Clear();
        st.LoanPayment.AsSpan(start, count).Clear();
        st.LoanPretaxShare.AsSpan(start, count).Clear();
        st.LoanEmployerShare.AsSpan(start, count).Clear();
        st.LoanCut.AsSpan(start, count).Clear();
        st.FailureAge.AsSpan(start, count).Clear();
        st.DeferredRmd.AsSpan(start, count).Clear();
        st.TotalTaxes.AsSpan(start, count).Clear();
    }

    /// <summary>
    /// Which metrics are the same on every path this year (set on <paramref name="m"/> before any block runs; the
    /// kernel does not store those per path).
    /// </summary>
    public void SetYearConstants(YearPlan y, YearMetrics m)
    {
        bool distributes = Distributes(y);
        m.SetConstant(Metric.EmployeeContributions, y.EmployeeTotal);
        m.SetConstant(Metric.EmployerContributions, y.EmployerTotal);
        m.SetConstant(Metric.Forfeitures, y.LastEmploymentYear ? null : 0.0);
        m.SetConstant(Metric.LoanBalance, _hasLoans ? null : 0.0);
        bool taxed = distributes || _hasLoans;
        m.SetConstant(Metric.Withdrawals, distributes ? null : 0.0);
        m.SetConstant(Metric.Rmd, y.RmdDivisor > 0 ? null : 0.0);
        m.SetConstant(Metric.Taxes, taxed ? null : 0.0);
        m.SetConstant(Metric.Penalties, taxed && y.PenaltyApplies ? null : 0.0);
        m.SetConstant(Metric.NetIncomeReal, taxed ? null : 0.0);
        m.SetConstant(Metric.RothBalance, _hasRoth ? null : 0.0);
        m.SetConstant(Metric.Balance, null);
        m.SetConstant(Metric.BalanceReal, null);
        m.SetConstant(Metric.PretaxBalance, null);
        m.SetConstant(Metric.Fees, null);
        // balance = pre-tax + Roth + loan; with Roth and loan identically 0 it is the pre-tax balance, bit for bit.
        m.SetSameAs(Metric.Balance, _hasRoth || _hasLoans ? null : Metric.PretaxBalance);
    }

    private static bool Distributes(YearPlan y) => !y.Employed || y.InService || y.RmdDivisor > 0;

    /// <summary>Runs year <paramref name="y"/> for paths [start, start + count) and writes their metrics. The
    /// block's returns must already be in <paramref name="scratch"/>.Returns.</summary>
    public StepCounts Step(YearPlan y, YearPlan? next, PathState st, BlockScratch scratch, int start, int count, YearMetrics m)
    {
        var r = scratch.Returns;
        var counts = default(StepCounts);

        // Phase A.
        PortfolioReturn(y.Weights, r, count, scratch.Return.AsSpan(0, count));

        // Phase B.
        bool distributes = Distributes(y);
        bool loanEvents = _hasLoans && y.LoanEvents;
        bool taxed = distributes || loanEvents;
        if (taxed && FastDistributionYear(y))
        {
            switch (_width)
            {
                case SimdWidth.Vector512:
                    DistributeFast<Lanes512, Vector512<double>, Vector512<ulong>>(y, st, scratch, m, start, count, ref counts);
                    break;
                case SimdWidth.Vector256:
                    DistributeFast<Lanes256, Vector256<double>, Vector256<ulong>>(y, st, scratch, m, start, count, ref counts);
                    break;
                default:
                    DistributeFast<Lanes1, double, ulong>(y, st, scratch, m, start, count, ref counts);
                    break;
            }
        }
        else if (taxed)
        {
            for (int j = 0; j < count; j++)
            {
                int i = start + j;
                Distribute(y, st, scratch, i, j, distributes, m, ref counts);
                if (loanEvents)
                {
                    counts.LoansCut += LoanEvents(y, st, scratch, i, j);
                }

                ChargeTax(y, st, scratch, i, j);
            }
        }

        // Phase C.
        var k = new YearConstants(y, _expenseRatio, taxed, _hasLoans, _hasRoth, NeedsPrevious(next));
        switch (_width)
        {
            case SimdWidth.Vector512:
                GrowAndContribute<Lanes512, Vector512<double>, Vector512<ulong>>(k, st, scratch, m, start, count);
                break;
            case SimdWidth.Vector256:
                GrowAndContribute<Lanes256, Vector256<double>, Vector256<ulong>>(k, st, scratch, m, start, count);
                break;
            default:
                GrowAndContribute<Lanes1, double, ulong>(k, st, scratch, m, start, count);
                break;
        }

        return counts;
    }

    /// <summary>Last year's inflation and portfolio return are read only by a following distribution year.</summary>
    private static bool NeedsPrevious(YearPlan? next) => next is not null && Distributes(next);

    private void PortfolioReturn(AssetWeights w, ReturnBlock r, int count, Span<double> dest)
    {
        switch (_width)
        {
            case SimdWidth.Vector512:
                PortfolioReturn<Lanes512, Vector512<double>, Vector512<ulong>>(w, r, count, dest);
                break;
            case SimdWidth.Vector256:
                PortfolioReturn<Lanes256, Vector256<double>, Vector256<ulong>>(w, r, count, dest);
                break;
            default:
                PortfolioReturn<Lanes1, double, ulong>(w, r, count, dest);
                break;
        }
    }

    /// <summary>R = ((ws·rs + wb·rb) + wc·rc) + wr·rr per lane, in this order in every width (no FMA). Whole
    /// vectors first; the remainder paths through the scalar twin, which performs the same operations.</summary>
    private static void PortfolioReturn<TL, TD, TU>(AssetWeights w, ReturnBlock r, int count, Span<double> dest)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        int i = PortfolioReturnLanes<TL, TD, TU>(w, r, 0, count, dest);
        PortfolioReturnLanes<Lanes1, double, ulong>(w, r, i, count, dest);
    }

    private static int PortfolioReturnLanes<TL, TD, TU>(AssetWeights w, ReturnBlock r, int i, int count, Span<double> dest)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        TD ws = TL.Splat(w.Stocks), wb = TL.Splat(w.Bonds), wc = TL.Splat(w.Cash), wr = TL.Splat(w.Reits);
        ref double d = ref MemoryMarshal.GetReference(dest);
        for (; i <= count - TL.Count; i += TL.Count)
        {
            TD v = TL.Add(TL.Add(TL.Add(TL.Mul(ws, Ld<TL, TD, TU>(r.Stocks, i)), TL.Mul(wb, Ld<TL, TD, TU>(r.Bonds, i))),
                TL.Mul(wc, Ld<TL, TD, TU>(r.Cash, i))), TL.Mul(wr, Ld<TL, TD, TU>(r.Reits, i)));
            TL.Store(v, ref Unsafe.Add(ref d, i));
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TD Ld<TL, TD, TU>(double[] source, int index)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct =>
        TL.Load(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(source), index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void St<TL, TD, TU>(TD value, double[] destination, int index)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct =>
        TL.Store(value, ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(destination), index));

    /// <summary>The per-year scalars and switches Phase C uses (the switches are the same for every lane, so their
    /// branches cost nothing and skip the loads and stores a year does not need).</summary>
    private readonly record struct YearConstants(
        double ExpenseRatio, double PretaxIn, double RothIn, double EmployerTracked, bool Forfeit, double VestedFraction,
        bool Employed, bool Taxed, bool Loans, bool Roth, bool StorePrevious)
    {
        public YearConstants(YearPlan y, double expenseRatio, bool taxed, bool loans, bool roth, bool storePrevious)
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
                storePrevious)
        {
        }
    }

    /// <summary>
    /// Phase C, one lane per path: g = 1 + R; each source grows to x·g and pays fee x·g·er; contributions are
    /// credited after the return (they pay no fee this year); forfeiture of the unvested employer money at the end of
    /// the last employment year; I(Y+1) = I(Y)(1 + inflation); metrics. Whole vectors first, then the remainder
    /// through the scalar twin.
    /// </summary>
    private static void GrowAndContribute<TL, TD, TU>(in YearConstants k, PathState st, BlockScratch scratch,
        YearMetrics m, int start, int count)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        int j = 0;
        for (; j <= count - TL.Count; j += TL.Count)
        {
            GrowLanes<TL, TD, TU>(k, st, scratch, m, start + j, j);
        }

        for (; j < count; j++)
        {
            GrowLanes<Lanes1, double, ulong>(k, st, scratch, m, start + j, j);
        }
    }

    /// <summary>Lanes of paths i.. (state and metrics) = block elements j.. (scratch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void GrowLanes<TL, TD, TU>(in YearConstants k, PathState st, BlockScratch scratch, YearMetrics m,
        int i, int j)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
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
        if (k.StorePrevious)
        {
            St<TL, TD, TU>(inflation, st.PrevInflation, i);
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
            St<TL, TD, TU>(gross, m[Metric.Withdrawals], i);
            St<TL, TD, TU>(tax, m[Metric.Taxes], i);
            St<TL, TD, TU>(penalty, m[Metric.Penalties], i);
            St<TL, TD, TU>(TL.Div(TL.Sub(TL.Sub(gross, tax), penalty), index), m[Metric.NetIncomeReal], i);
            St<TL, TD, TU>(TL.Add(Ld<TL, TD, TU>(st.TotalTaxes, i), tax), st.TotalTaxes, i);
        }
    }

    /// <summary>
    /// Step 2 of spec section 2 for path i: RMD first, then the strategy's target, the source order, failure.
    /// Writes Gross, the withdrawal's taxable part (into Tax, turned into tax by <see cref="ChargeTax"/>), and the
    /// rmd metric.
    /// </summary>
    private void Distribute(YearPlan y, PathState st, BlockScratch scratch, int i, int j, bool distributes,
        YearMetrics m, ref StepCounts counts)
    {
        scratch.Gross[j] = 0;
        scratch.Tax[j] = 0;
        scratch.Penalty[j] = 0;
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

        double target = Target(y, st, i, opening);
        bool afterTax = _withdrawals.AfterTax && !y.Employed;
        double rothShareTaxable = y.RothQualified || roth <= 0 ? 0 : Math.Max(0, 1 - st.RothBasis[i] / roth);
        double need = afterTax
            ? SolveGross(y, st.Index[i], target, pre, roth, rmdPre, rmdRoth, rothShareTaxable)
            : target;

        bool canFail = !y.Employed && _withdrawals.Strategy is WithdrawalStrategy.FixedReal or WithdrawalStrategy.Guardrails;
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
        if (_hasRoth)
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
        scratch.Gross[j] = gross;
        scratch.Tax[j] = taxable;
    }

    /// <summary>
    /// The common distribution year, vectorized: separated, fixedReal / percentOfBalance / rmdOnly, gross targets,
    /// flat tax, pro-rata order, and no Roth money, loans or deferred first RMD anywhere in the run. Then the per-path
    /// phase reduces to straight-line arithmetic: RMD = pre-tax / divisor, target, gross = min(max(target, RMD),
    /// balance), tax and penalty on the gross. Every width, the scalar one included, runs this same code.
    /// </summary>
    private bool FastDistributionYear(YearPlan y) =>
        !_scalarDistribution && !y.Employed && !_hasRoth && !_hasLoans && !_withdrawals.AfterTax
        && !_withdrawals.DeferFirstRmd && _withdrawals.Order == WithdrawalOrder.ProRata && y.Brackets is null
        && _withdrawals.Strategy is WithdrawalStrategy.FixedReal or WithdrawalStrategy.PercentOfBalance or WithdrawalStrategy.RmdOnly;

    private void DistributeFast<TL, TD, TU>(YearPlan y, PathState st, BlockScratch scratch, YearMetrics m, int start,
        int count, ref StepCounts counts)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        var w = _withdrawals;
        var k = new FastConstants(
            y.RmdDivisor, w.Strategy, y.FirstDistributionYear, w.Amount, w.InitialRate, w.Rate,
            _scenario.Taxes.Rate, y.PenaltyApplies ? EarlyWithdrawalPenalty.Rate : 0);
        int j = 0;
        for (; j <= count - TL.Count; j += TL.Count)
        {
            DistributeFastLanes<TL, TD, TU>(k, st, scratch, m, start + j, j);
        }

        for (; j < count; j++)
        {
            DistributeFastLanes<Lanes1, double, ulong>(k, st, scratch, m, start + j, j);
        }

        // Failure and RMD-binding bookkeeping: cheap, per path, from the need and opening balance the lanes left.
        bool canFail = w.Strategy == WithdrawalStrategy.FixedReal;
        double[] rmd = m[Metric.Rmd];
        for (j = 0; j < count; j++)
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
    private readonly record struct FastConstants(
        double Divisor, WithdrawalStrategy Strategy, bool First, double? Amount, double InitialRate, double Rate,
        double TaxRate, double PenaltyRate);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void DistributeFastLanes<TL, TD, TU>(in FastConstants k, PathState st, BlockScratch scratch,
        YearMetrics m, int i, int j)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
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

        TD target;
        switch (k.Strategy)
        {
            case WithdrawalStrategy.PercentOfBalance:
                target = TL.Mul(TL.Splat(k.Rate), opening);
                break;
            case WithdrawalStrategy.RmdOnly:
                target = zero;
                break;
            default:
                target = k.First
                    ? k.Amount is { } amount
                        ? TL.Mul(TL.Splat(amount), Ld<TL, TD, TU>(st.Index, i))
                        : TL.Mul(TL.Splat(k.InitialRate), opening)
                    : TL.Mul(Ld<TL, TD, TU>(st.Target, i), TL.Add(TL.Splat(1.0), Ld<TL, TD, TU>(st.PrevInflation, i)));
                St<TL, TD, TU>(target, st.Target, i);
                break;
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

    /// <summary>The strategy's target for this year (spec 7 and 12), stored for next year.</summary>
    private double Target(YearPlan y, PathState st, int i, double opening)
    {
        var w = _withdrawals;
        double target;
        if (y.Employed)
        {
            // In-service distributions (a fixed amount in today's dollars, or a rate of the opening balance).
            var s = w.InService;
            target = y.InService && s is not null ? s.Amount is { } a ? a * st.Index[i] : (s.Rate ?? 0) * opening : 0;
            return target;
        }

        switch (w.Strategy)
        {
            case WithdrawalStrategy.PercentOfBalance:
                target = w.Rate * opening;
                break;
            case WithdrawalStrategy.RmdOnly:
                target = 0;
                break;
            default:
                if (y.FirstDistributionYear)
                {
                    target = w.Amount is { } amount ? amount * st.Index[i] : w.InitialRate * opening;
                    st.InitialRate[i] = opening > 0 ? target / opening : 0;
                }
                else
                {
                    double raised = st.Target[i] * (1 + st.PrevInflation[i]);
                    target = raised;
                    if (w.Strategy == WithdrawalStrategy.Guardrails && opening > 0)
                    {
                        target = GuardrailRules.Apply(st.Target[i], raised, opening, st.InitialRate[i],
                            st.PrevReturn[i], y.GuardrailCutAllowed, w);
                    }
                }

                break;
        }

        st.Target[i] = target;
        return target;
    }

    /// <summary>Source order (spec 12): the RMD from pre-tax (and Roth in 2022-2023) first, the rest by the order.</summary>
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

    /// <summary>
    /// afterTax: the gross withdrawal whose net (gross − tax − penalty) equals the target. With the pro-rata order
    /// the taxable part is affine in the gross amount (RMD first, then a fixed mix of the sources), so the rules
    /// layer's exact piecewise-linear inverse applies. The other orders change the mix once a source runs dry; there
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
        double preLeft = pre - rmdPre, rothLeft = roth - rmdRoth;
        if (_withdrawals.Order == WithdrawalOrder.ProRata && preLeft + rothLeft > 0)
        {
            // taxable(W) = rmdPre + rmdRoth·s + (W − rmd)·(φ + (1 − φ)·s), φ = the pre-tax share of what is left.
            double phi = preLeft / (preLeft + rothLeft);
            double share = phi + (1 - phi) * rothShareTaxable;
            double fixedTaxable = rmdPre + rmdRoth * rothShareTaxable - (rmdPre + rmdRoth) * share;
            return y.Brackets is { } b
                ? b.GrossUp(_otherIncome * index, net, penaltyRate, share, fixedTaxable)
                : FlatTax.GrossUp(_scenario.Taxes.Rate, penaltyRate, net, share, fixedTaxable);
        }

        double Net(double gross)
        {
            (double wPre, double wRoth) = Split(gross, pre, roth, rmdPre, rmdRoth);
            double taxable = wPre + wRoth * rothShareTaxable;
            return gross - TaxOn(y, index, taxable) - (y.PenaltyApplies ? EarlyWithdrawalPenalty.Rate * taxable : 0);
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

    /// <summary>Income tax on this year's taxable amount: flat, or T(other + x) − T(other) by brackets.</summary>
    private double TaxOn(YearPlan y, double index, double taxable) => y.Brackets is { } b
        ? b.IncrementalTax(_otherIncome * index, taxable)
        : FlatTax.Tax(_scenario.Taxes.Rate, taxable);

    /// <summary>Turns the taxable amount left in Tax by Distribute and LoanEvents into tax and penalty.</summary>
    private void ChargeTax(YearPlan y, PathState st, BlockScratch scratch, int i, int j)
    {
        double taxable = scratch.Tax[j];
        scratch.Tax[j] = taxable > 0 ? TaxOn(y, st.Index[i], taxable) : 0;
        scratch.Penalty[j] = y.PenaltyApplies ? EarlyWithdrawalPenalty.Rate * taxable : 0;
    }

    /// <summary>
    /// Step 3 (spec 9): repayment of an outstanding loan (level annual payments of principal and interest return to
    /// the invested balance pro rata), a deemed distribution of the outstanding balance at separation, and
    /// origination. Returns 1 the first time a request of this path is cut to the 72(p) limit (the summary counts
    /// paths, not path-years).
    /// </summary>
    private int LoanEvents(YearPlan y, PathState st, BlockScratch scratch, int i, int j)
    {
        double loan = st.Loan[i];
        st.LoanHighWater[i] = 0;
        if (loan > 0)
        {
            double accrued = loan * (1 + y.LoanRate);
            st.LoanHighWater[i] = accrued;
            if (!y.Employed)
            {
                // Separation with the loan outstanding: deemed distribution (taxable, penalised when the 10% rule
                // applies). The receivable leaves the account; nothing is withdrawn from the invested balance.
                scratch.Tax[j] += accrued;
                st.Loan[i] = 0;
                st.LoanPayment[i] = 0;
                return 0;
            }

            double pay = Math.Min(st.LoanPayment[i], accrued);
            loan = accrued - pay;
            if (loan <= 1e-9 * st.LoanPayment[i])
            {
                loan = 0;
            }

            Credit(st, i, pay);
            st.Loan[i] = loan;
            if (loan == 0)
            {
                st.LoanPayment[i] = 0;
            }
        }

        int cut = 0;
        foreach (var request in y.NewLoans)
        {
            double pre = st.Pretax[i], roth = st.Roth[i];
            double vested = pre - st.Employer[i] * (1 - y.VestedFractionAtStart) + roth;
            double allowed = LoanLimits.MaxLoan(vested, st.LoanHighWater[i], st.Loan[i], request.TenThousandFloor);
            double amount = Math.Clamp(request.Amount, 0, Math.Max(0, allowed));
            if (amount < request.Amount && !st.LoanCut[i])
            {
                st.LoanCut[i] = true;
                cut = 1;
            }

            if (amount <= 0)
            {
                continue;
            }

            // The loan leaves the invested balance pro rata by source and earns nothing for the portfolio.
            double total = pre + roth;
            double fromPre = amount * (pre / total);
            double fromEmployer = 0;
            if (pre > 0)
            {
                double employer = st.Employer[i];
                st.Employer[i] = employer * ((pre - fromPre) / pre);
                fromEmployer = employer - st.Employer[i];
            }

            // The loan's shares by source, merged with any loan still outstanding, so repayments go back where
            // the money came from.
            double outstanding = st.Loan[i], combined = outstanding + amount;
            st.LoanPretaxShare[i] = (outstanding * st.LoanPretaxShare[i] + fromPre) / combined;
            st.LoanEmployerShare[i] = (outstanding * st.LoanEmployerShare[i] + fromEmployer) / combined;
            st.Pretax[i] = pre - fromPre;
            st.Roth[i] = roth - (amount - fromPre);
            st.Loan[i] = combined;
            st.LoanPayment[i] = LoanLimits.LevelAnnualPayment(st.Loan[i], request.Rate, request.Years);
        }

        return cut;
    }

    /// <summary>A loan repayment returns to the sources the loan was taken from, in the same shares: pre-tax and
    /// Roth, and within pre-tax the vesting-tracked employer part (so forfeiture sees the unvested money the loan
    /// had taken out).</summary>
    private static void Credit(PathState st, int i, double amount)
    {
        double toPre = amount * st.LoanPretaxShare[i];
        st.Pretax[i] += toPre;
        st.Roth[i] += amount - toPre;
        st.Employer[i] += amount * st.LoanEmployerShare[i];
    }
}
