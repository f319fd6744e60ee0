namespace Sim.Engine.Scenarios;

/// <c>$.fees</c>: what the plan charges.
public sealed record Fees
{
    /// <summary>0.49% a year: the average of the seeds' plans.</summary>
    public const double DefaultExpenseRatio = 0.0049;
    /// <summary>Annual expense ratio charged on the invested balance, as a fraction; default <see cref="DefaultExpenseRatio"/>.</summary>
    public double ExpenseRatio { get; init; } = DefaultExpenseRatio;
}
