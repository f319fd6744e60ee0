namespace Sim.Engine.Simulation;

/// <summary>
/// One metric: its Parquet name, unit and meaning (the docs/analysts.md table row), and when it is the same on every
/// path in a year (then the kernel stores no per-path values and the percentiles are that value).
/// </summary>
/// <param name="Metric">The enum member (its position is the output order).</param>
/// <param name="Name">The Parquet spelling, e.g. "balance_real".</param>
/// <param name="Unit">"nominal $" or "today's $".</param>
/// <param name="Description">The meaning, as the analysts' guide shows it.</param>
/// <param name="ConstantWhen">The value every path has this year, or null when it varies by path.</param>
public sealed record MetricDefinition(Metric Metric, string Name, string Unit, string Description,
    Func<MetricYear, double?> ConstantWhen);

/// <summary>What decides which metrics are constant in a year: the year's plan and the run's switches.</summary>
/// <param name="Year">The year's plan.</param>
/// <param name="Distributes">A distribution year (or in-service, or an RMD year).</param>
/// <param name="HasLoans">The scenario has loans.</param>
/// <param name="HasRoth">Roth money exists on some path in some year.</param>
public readonly record struct MetricYear(YearPlan Year, bool Distributes, bool HasLoans, bool HasRoth)
{
    /// <summary>Taxes may be charged this year: a distribution, a loan event (deemed distribution), or income
    /// outside the account (docs/model.md section 11).</summary>
    public bool Taxed => Distributes || HasLoans || Year.Income.Any;
}
