using System.Globalization;

namespace Sim.Engine.Scenarios.Parsing;

/// <summary>An allowed interval for a number, with the message a user sees when a value falls outside it.</summary>
internal readonly record struct NumberRange(double Min, double Max, bool MinExclusive = false, bool MaxExclusive = false)
{
    public static readonly NumberRange Any = new(double.NegativeInfinity, double.PositiveInfinity);
    public static readonly NumberRange NonNegative = AtLeast(0);
    public static readonly NumberRange Fraction = Between(0, 1);

    /// <summary>
    /// Largest amount of money any input may hold: $100 billion (docs/model.md, "Input ranges"). Far above any
    /// account or income the model is meant for, and far enough below the largest double that no balance, tax or
    /// chart scale computed from it can overflow (issue 13, item 10: 1e308 used to become NaN taxes and Infinity).
    /// </summary>
    public const double MaxMoney = 1e11;

    /// <summary>An amount of money: from $0 to <see cref="MaxMoney"/>.</summary>
    public static readonly NumberRange Money = Between(0, MaxMoney);

    /// <summary>A positive amount of money: above $0, at most <see cref="MaxMoney"/>.</summary>
    public static readonly NumberRange PositiveMoney = new(0, MaxMoney, MinExclusive: true);

    public static NumberRange AtLeast(double min) => new(min, double.PositiveInfinity);

    public static NumberRange Above(double min) => new(min, double.PositiveInfinity, MinExclusive: true);

    public static NumberRange AtMost(double max) => new(double.NegativeInfinity, max);

    public static NumberRange Between(double min, double max) => new(min, max);

    public bool Contains(double v) =>
        (MinExclusive ? v > Min : v >= Min) && (MaxExclusive ? v < Max : v <= Max);

    /// <summary>"must be >= 0", "must be between 0 and 1", "must be > 0 and &lt; 100".</summary>
    public string Describe()
    {
        var hasMin = !double.IsNegativeInfinity(Min);
        var hasMax = !double.IsPositiveInfinity(Max);
        var lower = $"{(MinExclusive ? ">" : ">=")} {Format(Min)}";
        var upper = $"{(MaxExclusive ? "<" : "<=")} {Format(Max)}";
        return (hasMin, hasMax) switch
        {
            (true, true) when !MinExclusive && !MaxExclusive => $"must be between {Format(Min)} and {Format(Max)}",
            (true, true) => $"must be {lower} and {upper}",
            (true, false) => $"must be {lower}",
            (false, true) => $"must be {upper}",
            _ => "any number",
        };
    }

    /// <summary>Numbers in messages: invariant culture, ten significant digits (so 0.6 + 0.45 prints 1.05), and
    /// thousands separators for large whole numbers (10,000,000).</summary>
    public static string Format(double v)
    {
        if (Math.Abs(v) >= 10_000 && Math.Abs(v) < 1e15 && v == Math.Floor(v))
        {
            return v.ToString("#,0", CultureInfo.InvariantCulture);
        }

        return v.ToString("G10", CultureInfo.InvariantCulture);
    }
}
