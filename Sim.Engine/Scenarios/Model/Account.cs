namespace Sim.Engine.Scenarios;

/// <c>$.account</c>: the plan balances on January 1 of <c>startYear</c>, in dollars.
public sealed record Account
{
    /// <summary>Traditional (pre-tax) balance, employee and employer money together; default 0.</summary>
    public double PretaxBalance { get; init; }
    /// <summary>Roth 401(k) balance; default 0.</summary>
    public double RothBalance { get; init; }
    /// <summary>Roth contributions not yet withdrawn; null means "equal to RothBalance" (spec 12).</summary>
    public double? RothBasis { get; init; }
    /// <summary>Null: startYear if a Roth balance exists, else the first year with a Roth deferral (spec 12).</summary>
    public int? RothFirstContributionYear { get; init; }
    /// <summary>The employer-source part of PretaxBalance, subject to vesting.</summary>
    public double EmployerBalance { get; init; }
}
