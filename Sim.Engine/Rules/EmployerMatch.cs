using Sim.Engine.Scenarios;

namespace Sim.Engine.Rules;

/// <summary>
/// The employer matching contribution (a plan design term, IRC 401(m)(4)(A); spec 5). Tiers are applied to the
/// deferral as a share of compensation: tier i matches <c>rate_i</c> of the deferral between <c>upTo_{i−1}</c> and
/// <c>upTo_i</c> of compensation (<c>upTo_0</c> = 0).
/// </summary>
public static class EmployerMatch
{
    /// <summary>
    /// <c>match = comp · Σ_i rate_i · clamp(E/comp − upTo_{i−1}, 0, upTo_i − upTo_{i−1})</c>; 0 when
    /// <paramref name="comp"/> ≤ 0. Tiers are taken in the given order (ascending <c>UpTo</c>); a tier whose
    /// <c>UpTo</c> does not exceed the previous one matches nothing. The deferral includes any catch-up.
    /// </summary>
    /// <example>"$1 for $2 up to 6%" is <c>[new MatchTier(0.5, 0.06)]</c>: a 6% deferral gets 3%.</example>
    public static double Amount(IReadOnlyList<MatchTier> tiers, double comp, double deferral)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        if (comp <= 0.0 || deferral <= 0.0)
        {
            return 0.0;
        }

        double share = deferral / comp;
        double previous = 0.0;
        double sum = 0.0;
        foreach (MatchTier tier in tiers)
        {
            double width = Math.Max(0.0, tier.UpTo - previous);
            sum += tier.Rate * Math.Clamp(share - previous, 0.0, width);
            previous = Math.Max(previous, tier.UpTo);
        }

        return comp * sum;
    }
}
