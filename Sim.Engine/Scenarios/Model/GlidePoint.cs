namespace Sim.Engine.Scenarios;

public sealed record GlidePoint(int Age, AssetWeights Weights);
