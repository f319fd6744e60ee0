namespace Sim.Engine.Simulation;

/// <summary>The per-path, per-year metrics of docs/model.md section 9, in output order. Their names, units,
/// descriptions and constant-when rules are in <see cref="Metrics.Definitions"/>.</summary>
public enum Metric
{
    /// <summary><c>balance</c>, nominal dollars: the account at the end of the year.</summary>
    Balance,

    /// <summary><c>balance_real</c>: the balance in start-year dollars.</summary>
    BalanceReal,

    /// <summary><c>pretax_balance</c>, nominal: the traditional part, employer money included.</summary>
    PretaxBalance,

    /// <summary><c>roth_balance</c>, nominal: the Roth part.</summary>
    RothBalance,

    /// <summary><c>employee_contributions</c>, nominal: the year's deferrals, catch-up included.</summary>
    EmployeeContributions,

    /// <summary><c>employer_contributions</c>, nominal: match + non-elective after 415(c).</summary>
    EmployerContributions,

    /// <summary><c>withdrawals</c>, nominal: gross amount withdrawn in the year.</summary>
    Withdrawals,

    /// <summary><c>rmd</c>, nominal: the year's required minimum distribution, binding or not.</summary>
    Rmd,

    /// <summary><c>taxes</c>, nominal: income tax on the year's withdrawals.</summary>
    Taxes,

    /// <summary><c>penalties</c>, nominal: the 10% additional tax paid in the year.</summary>
    Penalties,

    /// <summary><c>fees</c>, nominal: the expense-ratio fee of the year.</summary>
    Fees,

    /// <summary><c>net_income_real</c>: what the household can spend, in start-year dollars.</summary>
    NetIncomeReal,

    /// <summary><c>loan_balance</c>, nominal: outstanding loan at the end of the year.</summary>
    LoanBalance,

    /// <summary><c>forfeitures</c>, nominal: unvested employer money forfeited at separation.</summary>
    Forfeitures,

    /// <summary><c>income</c>, nominal: Social Security and pensions paid in the year, gross.</summary>
    Income,
}
