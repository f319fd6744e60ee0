using System.Globalization;
using Sim.Engine.Analysis;
using Sim.Worker.Output;

namespace Sim.Worker.Analysis;

/// <summary>
/// The sentences and value spellings of the three answers, in one place: the CLI prints them, the JSON files carry
/// them (<c>answer</c>) and the results pages show them first.
/// </summary>
public static class AnalysisText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>A probability as a person reads it (the shared format, <see cref="Units.Percent"/>): 90.1%.</summary>
    public static string Percent(double p) => Units.Percent(p);

    /// <summary>A standard error of a probability, in percentage points: ± 0.3%.</summary>
    public static string PlusMinus(double se) => "± " + Points(se) + "%";

    /// <summary>A standard error of a difference of two probabilities, in percentage points: ± 0.4 points (the
    /// difference itself is written in points, so its error is too).</summary>
    public static string PlusMinusPoints(double se) => "± " + Points(se) + " points";

    private static string Points(double se) => (se * 100).ToString(se < 0.0005 && se > 0 ? "0.00" : "0.0", Inv);

    /// <summary>A field's value: $52,340 (money), 7.25% (rate), 63 or 66 and 2 months (age).</summary>
    public static string Value(ValueKind kind, double v) => kind switch
    {
        ValueKind.Money => Units.Money(v),
        ValueKind.Rate => (v * 100).ToString("0.00##", Inv) + "%",
        _ => Age(v),
    };

    /// <summary>"63", or "66 and 2 months" for a claim age on the 1/12 grid.</summary>
    public static string Age(double age)
    {
        int years = (int)Math.Floor(age + 1e-9);
        int months = (int)Math.Round((age - years) * 12);
        return months == 0 ? years.ToString(Inv) : string.Create(Inv, $"{years} and {months} month{(months == 1 ? "" : "s")}");
    }

    /// <summary>" a year" after a money value of spending.</summary>
    private static string Per(ValueKind kind) => kind == ValueKind.Money ? " a year" : "";

    /// <summary>"90% success" or "a median terminal balance of $500,000 in today's dollars".</summary>
    public static string Target(SolveTarget t) => t.Kind == TargetKind.Success
        ? (t.Value * 100).ToString("0.##", Inv) + "% success"
        : $"a median terminal balance of {Units.Money(t.Value)} in today's dollars";

    /// <summary>The solve's one-line answer.</summary>
    public static string Solve(SolveResult r)
    {
        string Reached() => r.Target.Kind == TargetKind.Success
            ? $"{Percent(r.Success)} success ({PlusMinus(r.StandardError)})"
            : $"a median terminal balance of {Units.Money(r.Achieved)} in today's dollars, {Percent(r.Success)} success ({PlusMinus(r.StandardError)})";
        string range = $"{Value(r.Kind, r.RangeMin)} to {Value(r.Kind, r.RangeMax)}";
        return r.Outcome switch
        {
            SolveOutcome.Found => $"{r.Field} = {Value(r.Kind, r.Value!.Value)}{Per(r.Kind)} gives {Reached()}",
            SolveOutcome.WholeRangeMeets =>
                $"{r.Field} = {Value(r.Kind, r.Value!.Value)}{Per(r.Kind)} gives {Reached()}: every value from {range} reaches {Target(r.Target)}",
            _ => $"no {r.Field} from {range} reaches {Target(r.Target)}: the most favourable, " +
                 $"{Value(r.Kind, r.Best == Best.Largest ? r.RangeMin : r.RangeMax)}, gives " +
                 (r.Target.Kind == TargetKind.Success ? Percent(r.Achieved) + " success" : Units.Money(r.Achieved)),
        };
    }

    /// <summary>The comparison's one-line answer for one pair.</summary>
    public static string Compare(ComparisonResult c, PairComparison p)
    {
        string a = c.Scenarios[p.A], b = c.Scenarios[p.B];
        string diff = (p.SuccessDifference >= 0 ? "+" : "−") + (Math.Abs(p.SuccessDifference) * 100).ToString("0.0", Inv);
        return $"{b} succeeds on {Percent(c.Success[p.B])} of paths against {Percent(c.Success[p.A])} for {a} " +
               $"({diff} points, {PlusMinusPoints(p.SuccessDifferenceStandardError)} paired), and ends with more real wealth on " +
               $"{Percent(p.ShareBAhead)} of paths";
    }

    /// <summary>The sensitivity's one-line answer.</summary>
    public static string Sensitivity(SensitivityResult r)
    {
        if (r.Rows.Count == 0)
        {
            return $"{r.Scenario}: none of the standard inputs applies";
        }

        var top = r.Rows[0];
        return $"{r.Scenario} succeeds on {Percent(r.Base.Success)} of paths; {top.Label} moves it most, from " +
               $"{Percent(top.AtLow.Success)} to {Percent(top.AtHigh.Success)}";
    }
}
