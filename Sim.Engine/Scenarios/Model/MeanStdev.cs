namespace Sim.Engine.Scenarios;

public sealed record MeanStdev(double Mean, double Stdev);
