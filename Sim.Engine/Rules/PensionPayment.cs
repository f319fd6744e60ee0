using Sim.Engine.Scenarios;

namespace Sim.Engine.Rules;

/// <summary>
/// A pension's payments in a year (plan terms, not a statute; docs/model.md section 11). With <c>cola:
/// "inflation"</c> <c>annual</c> is in today's dollars: <c>annual · months/12 · I(Y)</c>. Otherwise it is the
/// yearly rate in the first payment year, raised each following January by the fixed rate (or not at all):
/// <c>annual · (1 + rate)^(Y − first payment year) · months/12</c>.
/// </summary>
public static class PensionPayment
{
    /// <summary>Nominal payments in a year.</summary>
    /// <param name="annual">The stream's <c>annual</c>.</param>
    /// <param name="cola">Its yearly increase.</param>
    /// <param name="months">Months paid in the year (<see cref="PaymentMonths.InYear"/>).</param>
    /// <param name="yearsSinceFirstPayment">Year − first payment year (0 in the first payment year).</param>
    /// <param name="index">The path's inflation index on January 1 of the year.</param>
    public static double Annual(double annual, PensionCola cola, int months, int yearsSinceFirstPayment, double index)
    {
        if (months <= 0)
        {
            return 0.0;
        }

        // A full year pays exactly `annual` (annual · 12 / 12 can differ from it in the last bit).
        var paid = months >= 12 ? annual : annual * months / 12.0;
        return cola.Kind switch
        {
            PensionColaKind.Inflation => paid * index,
            PensionColaKind.Fixed => paid * Math.Pow(1.0 + cola.Rate, yearsSinceFirstPayment),
            _ => paid,
        };
    }
}
