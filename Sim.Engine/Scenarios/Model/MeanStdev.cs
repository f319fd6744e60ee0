namespace Sim.Engine.Scenarios;

/// <summary>The arithmetic mean and standard deviation of an annual simple return (or of inflation).</summary>
/// <param name="Mean">Mean annual return as a fraction (0.10 = 10%).</param>
/// <param name="Stdev">Standard deviation of the annual return as a fraction.</param>
public sealed record MeanStdev(double Mean, double Stdev);
