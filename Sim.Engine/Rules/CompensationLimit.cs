namespace Sim.Engine.Rules;

/// <summary>IRC 401(a)(17): the annual compensation a plan may take into account.</summary>
public static class CompensationLimit
{
    /// <summary>Plan compensation <c>comp = min(salary, 401(a)(17) limit)</c>; a negative salary counts as 0.</summary>
    public static double PlanCompensation(LimitSet l, double salary)
    {
        ArgumentNullException.ThrowIfNull(l);
        return Math.Min(Math.Max(0.0, salary), l.CompensationLimit);
    }
}
