using Sim.Engine.Scenarios;

namespace Sim.Engine.Returns;

/// <summary>
/// The stress overlays of a scenario resolved to simulated years (spec 3, 12): each shock pins the simple return of
/// the assets it names in one calendar year, on every path, after the model's draw. The year comes from
/// <see cref="Milestones.ShockYear"/> (yearsAfterRetirement 0 is the first distribution year: the retirement year,
/// or startYear for a participant already retired then). When several shocks pin the
/// same asset in the same year the later one in the list wins. Shocks outside the simulated years have no effect.
/// </summary>
public sealed class ShockPlan
{
    private const int Assets = 4;

    // pins[year * Assets + asset]; NaN = not pinned (a shock value is always a finite number).
    private readonly double[] _pins;

    /// <summary>The scenario's shocks resolved to simulated years (by age, years after retirement or calendar year).</summary>
    public ShockPlan(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        Years = scenario.Years;
        _pins = new double[Math.Max(0, Years) * Assets];
        Array.Fill(_pins, double.NaN);
        var milestones = Milestones.Of(scenario);
        foreach (Shock shock in scenario.Returns.Shocks)
        {
            int calendarYear = milestones.ShockYear(shock);
            int index = calendarYear - scenario.FirstYear;
            if (index < 0 || index >= Years)
            {
                continue;
            }

            double?[] values = [shock.Stocks, shock.Bonds, shock.Cash, shock.Reits];
            for (int a = 0; a < Assets; a++)
            {
                if (values[a] is double v)
                {
                    if (!double.IsFinite(v) || v < -1.0)
                    {
                        throw new ArgumentException($"a shock return must be a number of at least -1 (got {v})");
                    }

                    _pins[index * Assets + a] = v;
                    Count++;
                }
            }
        }
    }

    /// <summary>Number of simulated years covered.</summary>
    public int Years { get; }

    /// <summary>Number of (year, asset) pins applied, counting overridden ones.</summary>
    public int Count { get; }

    /// <summary>The pinned return of <paramref name="asset"/> in simulated year <paramref name="yearIndex"/>, if any.</summary>
    public double? Pin(int yearIndex, Asset asset)
    {
        double v = _pins[yearIndex * Assets + (int)asset];
        return double.IsNaN(v) ? null : v;
    }

    /// <summary>Overwrites the pinned assets of <paramref name="yearIndex"/> in elements [0, count) of the block.</summary>
    public void Apply(int yearIndex, int count, ReturnBlock block)
    {
        int at = yearIndex * Assets;
        PinSpan(_pins[at], block.Stocks, count);
        PinSpan(_pins[at + 1], block.Bonds, count);
        PinSpan(_pins[at + 2], block.Cash, count);
        PinSpan(_pins[at + 3], block.Reits, count);
    }

    private static void PinSpan(double value, double[] destination, int count)
    {
        if (!double.IsNaN(value))
        {
            destination.AsSpan(0, count).Fill(value);
        }
    }
}
