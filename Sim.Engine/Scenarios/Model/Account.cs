namespace Sim.Engine.Scenarios;

public sealed record Account
{
    public double PretaxBalance { get; init; }
    public double RothBalance { get; init; }
    /// <summary>Roth contributions not yet withdrawn; null means "equal to RothBalance" (spec 12).</summary>
    public double? RothBasis { get; init; }
    /// <summary>Null: startYear if a Roth balance exists, else the first year with a Roth deferral (spec 12).</summary>
    public int? RothFirstContributionYear { get; init; }
    /// <summary>The employer-source part of PretaxBalance, subject to vesting.</summary>
    public double EmployerBalance { get; init; }
}
