namespace Sim.Engine.Scenarios;

public enum WithdrawalOrder { ProRata, TraditionalFirst, RothFirst }
