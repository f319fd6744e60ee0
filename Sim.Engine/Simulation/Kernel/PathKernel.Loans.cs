using Sim.Engine.Rules;

namespace Sim.Engine.Simulation;

/// <summary>Phase B: loan events (step 3 of docs/model.md section 2; section 7).</summary>
internal sealed partial class PathKernel
{
    /// <summary>
    /// Step 3 (docs/model.md section 7): repayment of an outstanding loan (level annual payments of principal and interest return to
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
                scratch.PlanTaxable[j] += accrued;
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
