namespace Sim.Engine.Simulation;

/// <summary>The per-path, per-year metrics of docs/model.md section 9, in output order. Their names, units,
/// descriptions and constant-when rules are in <see cref="Metrics.Definitions"/>.</summary>
public enum Metric
{
    Balance,
    BalanceReal,
    PretaxBalance,
    RothBalance,
    EmployeeContributions,
    EmployerContributions,
    Withdrawals,
    Rmd,
    Taxes,
    Penalties,
    Fees,
    NetIncomeReal,
    LoanBalance,
    Forfeitures,
    Income,
}
