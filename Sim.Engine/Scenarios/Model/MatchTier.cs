namespace Sim.Engine.Scenarios;

/// <summary>One tier of the employer match: <paramref name="Rate"/> per dollar of deferral between the previous tier's
/// <paramref name="UpTo"/> and this one, both as shares of plan compensation.</summary>
/// <param name="Rate">Employer dollars per deferred dollar in this tier (0.5 = "$1 for $2").</param>
/// <param name="UpTo">Upper end of the tier as a deferral rate (0.06 = the first 6% of pay).</param>
public sealed record MatchTier(double Rate, double UpTo);
