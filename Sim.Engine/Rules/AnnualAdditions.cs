namespace Sim.Engine.Rules;

/// <summary>
/// IRC 415(c)(1): annual additions (employee deferrals other than catch-up, IRC 414(v)(3)(A), plus employer
/// contributions) may not exceed the lesser of the 415(c) dollar limit and 100% of compensation. Compensation for
/// this test is capped by 401(a)(17) (Treas. Reg. 1.415(c)-2(f)), so the plan compensation is used.
/// </summary>
public static class AnnualAdditions
{
    /// <summary>
    /// The employer contributions allowed after the 415(c) test. When
    /// <c>deferralExCatchUp + match + nonElective</c> exceeds <c>min(415(c), comp)</c>, the employer contributions
    /// are cut back to fit, match and non-elective in proportion (spec 12); the deferral itself is never reduced
    /// (if it alone exceeds the room, employer contributions are 0).
    /// </summary>
    public static (double Match, double NonElective) Apply(
        LimitSet l, double comp, double deferralExCatchUp, double match, double nonElective)
    {
        ArgumentNullException.ThrowIfNull(l);
        double cap = Math.Min(l.AnnualAdditions, Math.Max(0.0, comp));
        double room = Math.Max(0.0, cap - Math.Max(0.0, deferralExCatchUp));
        double employer = match + nonElective;
        if (employer <= room)
        {
            return (match, nonElective);
        }

        double factor = room / employer;
        return (match * factor, nonElective * factor);
    }
}
