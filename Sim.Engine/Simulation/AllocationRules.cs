using Sim.Engine.Scenarios;

namespace Sim.Engine.Simulation;

/// <summary>Target weights by age (spec 4). The portfolio is rebalanced to them at the start of every year.</summary>
public static class AllocationRules
{
    /// <summary>The target weights at <paramref name="age"/> under <paramref name="allocation"/>'s rule.</summary>
    public static AssetWeights WeightsAt(Allocation allocation, int age) => allocation.Type switch
    {
        AllocationType.Fixed => allocation.Weights,
        AllocationType.AgeInBonds => AgeInBonds(age, allocation.Offset, allocation.Cash, allocation.Reits),
        _ => Interpolate(allocation.Points, age),
    };

    /// <summary>
    /// The seeds' rule of thumb: bonds % = age + offset, clamped to [0, 100]; fixed cash and REIT shares are taken
    /// from the stock side (stocks never go below 0: when cash + REITs exceed the room left, bonds give way).
    /// </summary>
    public static AssetWeights AgeInBonds(int age, double offset, double cash, double reits)
    {
        double bonds = Math.Clamp((age + offset) / 100.0, 0.0, 1.0);
        double fixedShares = cash + reits;
        bonds = Math.Min(bonds, 1.0 - fixedShares);
        double stocks = 1.0 - bonds - fixedShares;
        return new AssetWeights(Math.Max(0.0, stocks), bonds, cash, reits);
    }

    /// <summary>Target-date style: linear between points (sorted by age), flat outside the range.</summary>
    public static AssetWeights Interpolate(IReadOnlyList<GlidePoint> points, int age)
    {
        if (points.Count == 0)
        {
            throw new ArgumentException("a table allocation needs at least one point", nameof(points));
        }

        if (age <= points[0].Age)
        {
            return points[0].Weights;
        }

        for (int i = 1; i < points.Count; i++)
        {
            if (age <= points[i].Age)
            {
                var a = points[i - 1];
                var b = points[i];
                double f = (double)(age - a.Age) / (b.Age - a.Age);
                return new AssetWeights(
                    a.Weights.Stocks + f * (b.Weights.Stocks - a.Weights.Stocks),
                    a.Weights.Bonds + f * (b.Weights.Bonds - a.Weights.Bonds),
                    a.Weights.Cash + f * (b.Weights.Cash - a.Weights.Cash),
                    a.Weights.Reits + f * (b.Weights.Reits - a.Weights.Reits));
            }
        }

        return points[^1].Weights;
    }
}
