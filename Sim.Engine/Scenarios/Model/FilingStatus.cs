namespace Sim.Engine.Scenarios;

public enum FilingStatus { Single, Mfj }
