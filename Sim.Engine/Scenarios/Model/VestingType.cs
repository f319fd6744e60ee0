namespace Sim.Engine.Scenarios;

public enum VestingType { Immediate, Cliff, Graded }
