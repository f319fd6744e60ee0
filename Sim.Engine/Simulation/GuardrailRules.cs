using Sim.Engine.Scenarios;

namespace Sim.Engine.Simulation;

/// <summary>
/// Guyton-Klinger guardrails as pinned in spec section 12 (Guyton and Klinger, "Decision Rules and Maximum Initial
/// Withdrawal Rates", Journal of Financial Planning, 2006), for one path and one later distribution year.
/// </summary>
public static class GuardrailRules
{
    /// <summary>
    /// <list type="number">
    /// <item>Inflation rule: the raise is skipped (previous target kept) when last year's portfolio return, gross of
    /// fee, was negative and raised / opening balance &gt; IR.</item>
    /// <item>Capital preservation: CWR = target / opening; if CWR &gt; IR·(1 + upper) and at least 15 years remain,
    /// the target is cut by <c>cut</c>.</item>
    /// <item>Prosperity: else if CWR &lt; IR·(1 − lower), the target is raised by <c>raise</c>.</item>
    /// </list>
    /// Changes compound year on year; there is no limit on their number.
    /// </summary>
    public static double Apply(double previousTarget, double raised, double openingBalance, double initialRate,
        double lastYearReturn, bool cutAllowed, GuardrailsStrategy w)
    {
        double target = lastYearReturn < 0 && raised / openingBalance > initialRate ? previousTarget : raised;
        double cwr = target / openingBalance;
        if (cwr > initialRate * (1 + w.Upper) && cutAllowed)
        {
            return target * (1 - w.Cut);
        }

        if (cwr < initialRate * (1 - w.Lower))
        {
            return target * (1 + w.Raise);
        }

        return target;
    }
}
