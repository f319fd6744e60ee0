namespace Sim.Engine.Scenarios.Parsing;

/// <summary><c>$.withdrawals</c>: strategy, its parameters, source order, in-service distributions.</summary>
internal static class WithdrawalsSection
{
    public static readonly string[] Fields =
    [
        "strategy", "initialRate", "amount", "rate", "upper", "lower", "cut", "raise", "afterTax", "order",
        "deferFirstRmd", "inService",
    ];

    public static readonly string[] InServiceFields = ["fromAge", "amount", "rate"];

    public static Withdrawals Read(JsonObjectReader? o, IssueCollector issues)
    {
        var d = new Withdrawals();
        if (o is null)
        {
            return d;
        }

        // Parameters of every strategy are range-checked whatever the chosen one, so an overlay can switch
        // strategy without leaving an unchecked value behind.
        return new Withdrawals
        {
            Strategy = o.Enum("strategy", d.Strategy),
            InitialRate = o.Number("initialRate", d.InitialRate, NumberRange.Fraction),
            Amount = o.OptionalNumber("amount", NumberRange.Money),
            Rate = o.Number("rate", d.Rate, NumberRange.Fraction),
            Upper = o.Number("upper", d.Upper, NumberRange.Fraction),
            Lower = o.Number("lower", d.Lower, NumberRange.Fraction),
            Cut = o.Number("cut", d.Cut, NumberRange.Fraction),
            Raise = o.Number("raise", d.Raise, NumberRange.Fraction),
            AfterTax = o.Boolean("afterTax", d.AfterTax),
            Order = o.Enum("order", d.Order),
            DeferFirstRmd = o.Boolean("deferFirstRmd", d.DeferFirstRmd),
            InService = ReadInService(o.Section("inService", InServiceFields, nullable: true), issues),
        };
    }

    /// <summary>{fromAge, amount | rate}: exactly one of amount (nominal dollars a year) and rate.</summary>
    private static InService? ReadInService(JsonObjectReader? o, IssueCollector issues)
    {
        if (o is null)
        {
            return null;
        }

        var amount = o.OptionalNumber("amount", NumberRange.Money);
        var rate = o.OptionalNumber("rate", NumberRange.Fraction);
        var count = (o.Has("amount") ? 1 : 0) + (o.Has("rate") ? 1 : 0);
        if (count != 1)
        {
            issues.Error(o.Path, count == 0
                ? "needs exactly one of amount, rate; got none"
                : "needs exactly one of amount, rate; got both");
        }

        return new InService
        {
            FromAge = o.Number("fromAge", new InService().FromAge, NumberRange.Between(0, Participant.MaxEndAge)),
            Amount = amount,
            Rate = rate,
        };
    }
}
