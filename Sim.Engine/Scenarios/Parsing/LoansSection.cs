namespace Sim.Engine.Scenarios.Parsing;

/// <summary><c>$.loans</c>: planned participant loans. The amount limit is applied by the engine (it depends on
/// the simulated balance); here only the shape, ranges and the term rule are checked.</summary>
internal static class LoansSection
{
    public const int MaxLoans = 50;

    /// <summary>IRC 72(p)(2)(B): a loan must be repaid within 5 years unless it buys the principal residence.</summary>
    public const int MaxYears = 5;

    /// <summary>No statutory term limit for residence loans; 30 years is the longest any plan uses in practice.</summary>
    public const int MaxResidenceYears = 30;

    public static readonly string[] Fields = ["age", "amount", "years", "rate", "residence", "tenThousandFloor"];

    public static IReadOnlyList<Loan> Read(IReadOnlyList<(System.Text.Json.JsonElement Element, string Path)>? items,
        IssueCollector issues)
    {
        if (items is null)
        {
            return [];
        }

        var loans = new List<Loan>();
        var d = new Loan();
        foreach (var (e, path) in items)
        {
            var o = JsonObjectReader.Open(e, path, issues, Fields);
            if (o is null)
            {
                continue;
            }

            o.Require("age");
            o.Require("amount");
            var residence = o.Boolean("residence", d.Residence);
            var years = o.Integer("years", d.Years, NumberRange.Between(1, MaxResidenceYears));
            if (!residence && years > MaxYears && issues.AllOk(o.PathOf("years"), o.PathOf("residence")))
            {
                issues.Error(o.PathOf("years"),
                    $"must be <= 5 unless residence is true (IRC 72(p)(2)(B)), got {years}");
            }

            loans.Add(new Loan
            {
                Age = o.Integer("age", 0, NumberRange.Between(0, Participant.MaxEndAge)),
                Amount = o.Number("amount", 0, NumberRange.PositiveMoney),
                Years = years,
                Rate = o.Number("rate", d.Rate, NumberRange.Between(0, 0.5)),
                Residence = residence,
                TenThousandFloor = o.Boolean("tenThousandFloor", d.TenThousandFloor),
            });
        }

        return loans;
    }
}
