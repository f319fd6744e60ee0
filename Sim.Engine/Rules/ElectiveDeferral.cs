namespace Sim.Engine.Rules;

/// <summary>
/// The employee's elective deferral of one employment year (spec 5 and 12): IRC 402(g)(1) caps it, IRC 414(v)
/// allows the catch-up on top, and IRC 414(v)(7) (SECURE 2.0 §603) makes the catch-up Roth for prior-year wages
/// above the threshold, from 2026.
/// </summary>
public static class ElectiveDeferral
{
    /// <summary>
    /// <c>E = min(d · comp, 402(g) + catchUp)</c> with its Roth/pre-tax split. Without the Roth catch-up rule,
    /// <c>Roth = rothShare · E</c>. With it (year ≥ 2026 and prior-year salary strictly above the threshold),
    /// <c>Roth = rothShare · (E − c) + c</c> with <c>c = max(0, E − 402(g))</c>; if the plan has no Roth option the
    /// catch-up is not allowed at all (IRC 414(v)(7)(A): a plan without designated Roth contributions cannot satisfy
    /// the rule for those participants, so their catch-up limit is $0; TD 10033, September 2025), so <c>E = min(d · comp, 402(g))</c>.
    /// </summary>
    /// <param name="limits">The year's limits.</param>
    /// <param name="age">Age attained in the year.</param>
    /// <param name="comp">Plan compensation (already capped by 401(a)(17)).</param>
    /// <param name="deferralRate">Deferral rate d of compensation (negative is treated as 0).</param>
    /// <param name="rothShare">Share of the deferral the participant designates Roth, in [0, 1]; treated as 0 when
    /// <paramref name="rothAvailable"/> is false.</param>
    /// <param name="rothAvailable">Whether the plan offers designated Roth contributions.</param>
    /// <param name="priorYearSalary">The previous year's wages (uncapped), for the Roth catch-up test.</param>
    public static DeferralSplit Compute(
        LimitSet limits,
        int age,
        double comp,
        double deferralRate,
        double rothShare,
        bool rothAvailable,
        double priorYearSalary)
    {
        ArgumentNullException.ThrowIfNull(limits);
        bool catchUpMustBeRoth = CatchUp.MustBeRoth(limits, priorYearSalary);
        double catchUp = catchUpMustBeRoth && !rothAvailable ? 0.0 : CatchUp.Amount(limits, age);
        double requested = Math.Max(0.0, deferralRate) * Math.Max(0.0, comp);
        double total = Math.Min(requested, limits.ElectiveDeferral + catchUp);
        double catchUpPart = Math.Max(0.0, total - limits.ElectiveDeferral);
        double share = rothAvailable ? Math.Clamp(rothShare, 0.0, 1.0) : 0.0;
        double roth = catchUpMustBeRoth
            ? share * (total - catchUpPart) + catchUpPart
            : share * total;
        return new DeferralSplit(total, roth, total - roth, catchUpPart);
    }
}
