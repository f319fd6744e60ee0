namespace Sim.Engine.Simulation;

/// <summary>The per-path, per-year metrics of spec section 10, in output order. Names are the Parquet spellings.</summary>
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
}

public static class Metrics
{
    public const int Count = 14;

    private static readonly string[] Names =
    [
        "balance", "balance_real", "pretax_balance", "roth_balance", "employee_contributions",
        "employer_contributions", "withdrawals", "rmd", "taxes", "penalties", "fees", "net_income_real",
        "loan_balance", "forfeitures",
    ];

    public static IReadOnlyList<string> All => Names;

    public static string Name(this Metric m) => Names[(int)m];
}
