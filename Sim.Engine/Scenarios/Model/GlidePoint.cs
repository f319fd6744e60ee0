namespace Sim.Engine.Scenarios;

/// <summary>One point of a <c>table</c> allocation.</summary>
/// <param name="Age">The participant's age at which <paramref name="Weights"/> hold exactly.</param>
/// <param name="Weights">The allocation at that age; between points the weights are interpolated linearly.</param>
public sealed record GlidePoint(int Age, AssetWeights Weights);
