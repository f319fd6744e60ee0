using Sim.Engine.Scenarios;

namespace Sim.Engine.Returns;

/// <summary>
/// Which asset returns a run reads: an asset with weight 0 in every year of the plan is never read, so the
/// correlated generator need not draw it (docs/model.md, "Which normals are drawn"). Inflation is always read.
/// </summary>
/// <param name="Stocks">Stocks are held in some year.</param>
/// <param name="Bonds">Bonds are held in some year.</param>
/// <param name="Cash">Cash is held in some year.</param>
/// <param name="Reits">REITs are held in some year.</param>
public readonly record struct ReturnDemand(bool Stocks, bool Bonds, bool Cash, bool Reits)
{
    /// <summary>Every asset: what a caller that reads all four returns (tests, benchmarks) asks for.</summary>
    public static ReturnDemand All => new(true, true, true, true);

    /// <summary>The assets a run of <paramref name="plan"/> reads: those with a weight in some year.</summary>
    public static ReturnDemand Of(IEnumerable<Simulation.YearPlan> plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return Of(plan.Select(y => y.Weights));
    }

    /// <summary>The assets with a non-zero weight in at least one of <paramref name="weights"/>.</summary>
    public static ReturnDemand Of(IEnumerable<AssetWeights> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        bool stocks = false, bonds = false, cash = false, reits = false;
        foreach (var w in weights)
        {
            stocks |= w.Stocks != 0;
            bonds |= w.Bonds != 0;
            cash |= w.Cash != 0;
            reits |= w.Reits != 0;
        }

        return new ReturnDemand(stocks, bonds, cash, reits);
    }
}
