namespace Sim.Engine.Scenarios;

public sealed record Fees
{
    public const double DefaultExpenseRatio = 0.0049;
    public double ExpenseRatio { get; init; } = DefaultExpenseRatio;
}
