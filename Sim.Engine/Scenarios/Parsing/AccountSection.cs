namespace Sim.Engine.Scenarios.Parsing;

/// <summary><c>$.account</c>: opening balances.</summary>
internal static class AccountSection
{
    /// <summary>Designated Roth accounts exist for years after 2005 (IRC 402A, added by EGTRRA 2001 section 617,
    /// effective for taxable years beginning after December 31, 2005).</summary>
    public const int FirstRothYear = 2006;

    public static readonly string[] Fields =
        ["pretaxBalance", "rothBalance", "rothBasis", "rothFirstContributionYear", "employerBalance"];

    public static Account Read(JsonObjectReader? o)
    {
        if (o is null)
        {
            return new Account();
        }

        return new Account
        {
            PretaxBalance = o.Number("pretaxBalance", 0, NumberRange.Money),
            RothBalance = o.Number("rothBalance", 0, NumberRange.Money),
            RothBasis = o.OptionalNumber("rothBasis", NumberRange.Money),
            RothFirstContributionYear = o.OptionalInteger("rothFirstContributionYear",
                NumberRange.Between(FirstRothYear, SimulationSection.LastSupportedYear)),
            EmployerBalance = o.Number("employerBalance", 0, NumberRange.Money),
        };
    }
}
