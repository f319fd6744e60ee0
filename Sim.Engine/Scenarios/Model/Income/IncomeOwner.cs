namespace Sim.Engine.Scenarios;

/// <summary>Whose birth year drives an income stream's ages (docs/model.md section 11).</summary>
public enum IncomeOwner { Participant, Spouse }
