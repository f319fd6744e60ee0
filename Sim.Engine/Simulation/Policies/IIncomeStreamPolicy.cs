namespace Sim.Engine.Simulation.Policies;

/// <summary>What kind of income a stream is, for the tax rules that treat kinds differently (IRC 86 for Social
/// Security; pensions are ordinary income).</summary>
internal enum IncomeKind
{
    SocialSecurity,
    Pension,
}

/// <summary>
/// An income stream outside the account (spec 13: Social Security, pensions): its amount in year Y is the same on
/// every path except through the path's inflation index I(Y), so the engine asks for it once per year, not per path:
/// <c>amount(Y, path) = BaseAmount(y) × (IndexedToPathInflation ? I(Y) : 1)</c>. Registered with its JSON name and
/// reader in <see cref="IncomeStreams"/>.
/// </summary>
internal interface IIncomeStreamPolicy
{
    IncomeKind Kind { get; }

    /// <summary>True when the amount grows with the path's inflation (Social Security's COLA, a pension with
    /// <c>cola: "inflation"</c>); false for a nominal schedule (a fixed COLA, or none).</summary>
    bool IndexedToPathInflation { get; }

    /// <summary>Calendar year <paramref name="year"/>'s amount before the path's index (0 outside the payment
    /// years).</summary>
    double BaseAmount(int year);
}
