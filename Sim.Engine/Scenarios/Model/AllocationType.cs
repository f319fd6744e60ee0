namespace Sim.Engine.Scenarios;

public enum AllocationType { Fixed, AgeInBonds, Table }
