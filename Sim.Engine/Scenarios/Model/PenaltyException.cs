namespace Sim.Engine.Scenarios;

public enum PenaltyException { Disability, Sepp }
