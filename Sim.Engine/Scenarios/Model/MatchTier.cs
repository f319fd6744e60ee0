namespace Sim.Engine.Scenarios;

public sealed record MatchTier(double Rate, double UpTo);
