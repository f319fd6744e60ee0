namespace Sim.Engine.Scenarios;

public enum TaxMethod { Flat, Brackets }
