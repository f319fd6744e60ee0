using System.Globalization;

namespace Sim.Worker.Output.Charts;

/// <summary>
/// Dollar labels for an axis, in invariant culture: whole dollars with thousands separators ($250,000) while the
/// axis stays below a million, millions with as few decimals as the tick step needs ($1.25M) above it, so that
/// every label on one axis has the same form and no two ticks read alike.
/// </summary>
public static class MoneyFormat
{
    /// <summary>Formats value for an axis whose largest absolute tick is axisMax and whose step is step.</summary>
    public static string AxisLabel(double value, double axisMax, double step)
    {
        if (value == 0)
        {
            return "$0";
        }

        string sign = value < 0 ? "-" : "";
        double v = Math.Abs(value);
        if (Math.Abs(axisMax) < 1_000_000)
        {
            return sign + "$" + Math.Round(v).ToString("N0", CultureInfo.InvariantCulture);
        }

        // Decimals needed to show the step in millions exactly: 0.25M needs 2, 0.5M needs 1, 2M needs 0.
        int decimals = 0;
        double stepMillions = step / 1_000_000;
        while (decimals < 6 && Math.Abs((stepMillions * Math.Pow(10, decimals)) - Math.Round(stepMillions * Math.Pow(10, decimals))) > 1e-9)
        {
            decimals++;
        }

        string format = "N" + decimals.ToString(CultureInfo.InvariantCulture);
        return sign + "$" + (v / 1_000_000).ToString(format, CultureInfo.InvariantCulture) + "M";
    }

    /// <summary>Whole dollars with thousands separators: $1,250,000.</summary>
    public static string Dollars(double value) => Units.Money(value);
}
