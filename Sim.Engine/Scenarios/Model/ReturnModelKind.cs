namespace Sim.Engine.Scenarios;

public enum ReturnModelKind { Lognormal, StudentT, Bootstrap, Historical }
