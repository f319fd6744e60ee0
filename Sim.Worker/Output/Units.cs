using System.Globalization;
using Sim.Engine.Scenarios;

namespace Sim.Worker.Output;

/// <summary>Which dollars a figure is in.</summary>
public enum DollarBasis
{
    /// <summary>Dollars of the first simulated year (the figure divided by the inflation index).</summary>
    Today,

    /// <summary>Dollars of the year the figure belongs to.</summary>
    Nominal,
}

/// <summary>
/// The one format of money and probabilities that people see: the CLI summary, <c>status</c>, <c>stress</c>, the
/// drift reasons, the home page and the results page all call these, so the same number reads the same
/// everywhere. Invariant culture throughout.
/// <list type="bullet">
/// <item>Money: whole dollars with <c>$</c> and thousands separators (<c>$221,889</c>, <c>-$1,200</c>); where the
/// basis is not said by a heading, <see cref="Money(double, DollarBasis)"/> names it
/// (<c>$221,889 today's dollars</c>).</item>
/// <item>Probabilities: a percentage with one decimal that never rounds to 100.0% while some paths failed, nor
/// to 0.0% while some succeeded: <c>&gt; 99.9%</c> and <c>&lt; 0.1%</c> instead.</item>
/// <item>A strategy that cannot run out (spec 12: percentOfBalance and rmdOnly never fail) gets a sentence, not
/// a success rate (<see cref="Success"/>).</item>
/// </list>
/// </summary>
public static class Units
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Whole dollars: <c>$1,234,568</c>; negative amounts <c>-$1,200</c>.</summary>
    public static string Money(double value)
    {
        var rounded = Math.Round(value, MidpointRounding.AwayFromZero);
        return rounded < 0 ? "-$" + (-rounded).ToString("N0", Inv) : "$" + (rounded == 0 ? 0 : rounded).ToString("N0", Inv);
    }

    /// <summary>Whole dollars with the basis named: <c>$221,889 today's dollars</c>.</summary>
    public static string Money(double value, DollarBasis basis) => Money(value) + " " + BasisName(basis);

    /// <summary><c>today's dollars</c> or <c>nominal dollars</c>.</summary>
    public static string BasisName(DollarBasis basis) => basis == DollarBasis.Today ? "today's dollars" : "nominal dollars";

    /// <summary>
    /// A probability (0 to 1) as a percentage with one decimal: 0.8733 is <c>87.3%</c>; 0.9998 is <c>&gt; 99.9%</c>
    /// (it is not 100%: some paths failed); 0.0002 is <c>&lt; 0.1%</c>; exactly 1 is <c>100.0%</c>.
    /// </summary>
    public static string Percent(double share)
    {
        if (double.IsNaN(share))
        {
            return "n/a";
        }

        var tenths = Math.Round(share * 1000, MidpointRounding.AwayFromZero);
        if (share < 1 && tenths >= 1000)
        {
            return "> 99.9%";
        }

        if (share > 0 && tenths <= 0)
        {
            return "< 0.1%";
        }

        return (tenths / 10).ToString("0.0", Inv) + "%";
    }

    /// <summary>A change of a probability in percentage points: <c>+1.3 points</c>, <c>-0.2 points</c>.</summary>
    public static string PointChange(double change) =>
        (change * 100).ToString("+0.0;-0.0;0.0", Inv) + " points";

    /// <summary>A relative change as a signed percentage with one decimal: <c>+3.1%</c>.</summary>
    public static string RelativeChange(double change) => (change * 100).ToString("+0.0;-0.0;0.0", Inv) + "%";

    /// <summary>True for strategies that cannot run out by construction (spec 12: percentOfBalance withdraws a share
    /// of what is there, rmdOnly only the required minimum).</summary>
    /// <param name="strategy">The strategy's JSON name; whether it can fail is the engine's registry's fact.</param>
    public static bool CannotFail(string strategy) =>
        WithdrawalStrategies.Canonical(strategy) is { } name && !WithdrawalStrategies.CanFail(name);

    /// <summary>The sentence shown instead of a success rate for a strategy that cannot fail.</summary>
    public static string CannotFailText(string strategy) => strategy switch
    {
        "rmdOnly" => "cannot run out: rmdOnly withdraws only the required minimum, a share of the balance",
        _ => "cannot run out: percentOfBalance withdraws a share of the balance",
    };

    /// <summary>The short form for lists and tables: <c>cannot run out (rmdOnly)</c>.</summary>
    public static string CannotFailShort(string strategy) => $"cannot run out ({strategy})";

    /// <summary>The success figure in a list: the percentage, or <see cref="CannotFailShort"/>.</summary>
    public static string SuccessShort(double probability, string strategy) =>
        CannotFail(strategy) ? CannotFailShort(strategy) : Percent(probability);

    /// <summary>The success figure of a run: the percentage, or why there is none.</summary>
    public static string Success(double probability, string strategy) =>
        CannotFail(strategy) ? CannotFailText(strategy) : Percent(probability);

    /// <summary>A count with thousands separators: <c>600,000</c>.</summary>
    public static string Count(long value) => value.ToString("N0", Inv);

    /// <summary>An age: whole years, or one decimal when it has a fraction (a median of two ages).</summary>
    public static string Age(double age) => age.ToString("0.#", Inv);
}
