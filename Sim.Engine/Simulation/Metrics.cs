namespace Sim.Engine.Simulation;

/// <summary>The one list of metric definitions: the count, the Parquet names and the docs table come from it.</summary>
public static class Metrics
{
    private const string Nominal = "nominal $";
    private const string Today = "today's $";

    /// <summary>Every metric in output order (the order of <see cref="Metric"/>).</summary>
    public static IReadOnlyList<MetricDefinition> Definitions { get; } =
    [
        new(Metric.Balance, "balance", Nominal,
            "total account balance at the end of the year: pre-tax + Roth (+ any outstanding loan receivable)", _ => null),
        new(Metric.BalanceReal, "balance_real", Today, "`balance` in start-year dollars", _ => null),
        new(Metric.PretaxBalance, "pretax_balance", Nominal,
            "traditional (pre-tax) part of the balance, employer money included, end of year", _ => null),
        new(Metric.RothBalance, "roth_balance", Nominal, "Roth part of the balance, end of year",
            y => y.HasRoth ? null : 0.0),
        new(Metric.EmployeeContributions, "employee_contributions", Nominal,
            "the participant's deferrals this year: pre-tax + Roth, catch-up included", y => y.Year.EmployeeTotal),
        new(Metric.EmployerContributions, "employer_contributions", Nominal,
            "match + non-elective contributions this year, after the 415(c) limit", y => y.Year.EmployerTotal),
        new(Metric.Withdrawals, "withdrawals", Nominal,
            "gross amount withdrawn this year (RMD and the strategy's target, before tax)", y => y.Distributes ? null : 0.0),
        new(Metric.Rmd, "rmd", Nominal,
            "the required minimum distribution for the year (the requirement, whether or not it binds)",
            y => y.Year.RmdDivisor > 0 ? null : 0.0),
        new(Metric.Taxes, "taxes", Nominal,
            "income tax charged to this year's withdrawals (penalties excluded): with Social Security or pensions, the "
            + "increment the withdrawal adds, including the benefits it makes taxable (IRC 86)",
            y => y.Taxed ? null : 0.0),
        new(Metric.Penalties, "penalties", Nominal, "10 % early-withdrawal penalty paid this year",
            y => y.Taxed && y.Year.PenaltyApplies ? null : 0.0),
        new(Metric.Fees, "fees", Nominal, "expense-ratio fee charged this year", _ => null),
        new(Metric.NetIncomeReal, "net_income_real", Today,
            "what the household can spend: (withdrawals + income − taxes − penalties − the tax the income pays on its "
            + "own) in start-year dollars; without income streams (withdrawals − taxes − penalties)", y => y.Taxed ? null : 0.0),
        new(Metric.LoanBalance, "loan_balance", Nominal, "outstanding 401(k) loan at the end of the year",
            y => y.HasLoans ? null : 0.0),
        new(Metric.Forfeitures, "forfeitures", Nominal,
            "unvested employer money forfeited at separation (in the last employment year)",
            y => y.Year.LastEmploymentYear ? null : 0.0),
        new(Metric.Income, "income", Nominal,
            "Social Security and pensions paid this year, gross (0 without `income` streams)",
            y => y.Year.Income.Any ? null : 0.0),
    ];

    /// <summary>The number of metrics.</summary>
    public static readonly int Count = Definitions.Count;

    private static readonly string[] Names = [.. Definitions.Select(d => d.Name)];

    /// <summary>The Parquet names in output order.</summary>
    public static IReadOnlyList<string> All => Names;

    public static string Name(this Metric m) => Names[(int)m];

    /// <summary>Marks this year's constant metrics on <paramref name="m"/>, and balance as equal to pre-tax (bit for
    /// bit) when there is no Roth money and no loan.</summary>
    internal static void SetYearConstants(MetricYear year, YearMetrics m)
    {
        foreach (var d in Definitions)
        {
            m.SetConstant(d.Metric, d.ConstantWhen(year));
        }

        m.SetSameAs(Metric.Balance, year.HasRoth || year.HasLoans ? null : Metric.PretaxBalance);
    }
}
