namespace Sim.Engine.Scenarios.Parsing;

/// <summary><c>$.fees</c>.</summary>
internal static class FeesSection
{
    /// <summary>10% a year: far above any real plan, low enough to catch a percentage typed as a whole number.</summary>
    public const double MaxExpenseRatio = 0.10;

    public static readonly string[] Fields = ["expenseRatio"];

    public static Fees Read(JsonObjectReader? o) => o is null
        ? new Fees()
        : new Fees
        {
            ExpenseRatio = o.Number("expenseRatio", Fees.DefaultExpenseRatio, NumberRange.Between(0, MaxExpenseRatio)),
        };
}
