namespace Sim.Worker.Output.Charts;

/// <summary>
/// Axis ticks at round numbers: a step of 1, 2, 2.5 or 5 times a power of ten, chosen so that about
/// <c>targetTicks</c> ticks cover the data, and an axis range that starts and ends on a tick.
/// </summary>
public sealed record NiceScale(double Min, double Max, double Step)
{
    /// <summary>The ticks from <see cref="Min"/> to <see cref="Max"/> inclusive.</summary>
    public IReadOnlyList<double> Ticks
    {
        get
        {
            int count = (int)Math.Round((Max - Min) / Step);
            // Round to a few digits below the step so that 3 × 0.1 is the tick 0.3, not 0.30000000000000004.
            int digits = Math.Clamp(2 - (int)Math.Floor(Math.Log10(Step)), 0, 15);
            var ticks = new double[count + 1];
            for (int i = 0; i <= count; i++)
            {
                ticks[i] = Math.Round(Min + (i * Step), digits);
            }

            return ticks;
        }
    }

    /// <summary>A scale covering [dataMin, dataMax] with roughly targetTicks intervals. A degenerate range (all
    /// values equal, e.g. every balance zero) is widened to one unit above it.</summary>
    public static NiceScale For(double dataMin, double dataMax, int targetTicks = 6)
    {
        if (!double.IsFinite(dataMin) || !double.IsFinite(dataMax))
        {
            dataMin = 0;
            dataMax = 1;
        }

        if (dataMax < dataMin)
        {
            (dataMin, dataMax) = (dataMax, dataMin);
        }

        if (dataMax - dataMin <= Math.Abs(dataMax) * 1e-12)
        {
            dataMax = dataMin + Math.Max(1, Math.Abs(dataMin) * 0.1);
        }

        double step = NiceStep((dataMax - dataMin) / Math.Max(1, targetTicks));
        double min = Math.Floor(dataMin / step) * step;
        double max = Math.Ceiling(dataMax / step) * step;
        return new NiceScale(min, max, step);
    }

    /// <summary>The smallest of 1, 2, 2.5, 5, 10 times a power of ten that is at least rawStep.</summary>
    public static double NiceStep(double rawStep)
    {
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(rawStep)));
        foreach (double m in (ReadOnlySpan<double>)[1, 2, 2.5, 5, 10])
        {
            if (m * magnitude >= rawStep * (1 - 1e-12))
            {
                return m * magnitude;
            }
        }

        return 10 * magnitude;
    }
}
