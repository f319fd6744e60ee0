namespace Sim.Engine.Scenarios;

/// <summary>The four asset classes, in the order used by every array and the correlation matrix.</summary>
public enum Asset { Stocks = 0, Bonds = 1, Cash = 2, Reits = 3 }
