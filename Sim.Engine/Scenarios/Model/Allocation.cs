namespace Sim.Engine.Scenarios;

/// <c>$.allocation</c>: how the balance is split over the four assets each year (docs/model.md section 4).
public sealed record Allocation
{
    /// <summary>Which rule sets the weights; ageInBonds (bonds % = age) by default.</summary>
    public AllocationType Type { get; init; } = AllocationType.AgeInBonds;
    /// <summary>Fixed weights (type fixed).</summary>
    public AssetWeights Weights { get; init; }
    /// <summary>ageInBonds: bonds % = age + offset, clamped to [0, 100].</summary>
    public double Offset { get; init; }
    /// <summary>ageInBonds: fixed cash share, taken from the stock side.</summary>
    public double Cash { get; init; }
    /// <summary>ageInBonds: fixed REIT share, taken from the stock side.</summary>
    public double Reits { get; init; }
    /// <summary>table: (age, weights) points, linearly interpolated, flat outside the range.</summary>
    public IReadOnlyList<GlidePoint> Points { get; init; } = [];
}
