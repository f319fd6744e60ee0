using Sim.Engine.Scenarios.Parsing;
using Sim.Engine.Rules;

namespace Sim.Engine.Scenarios;

/// <summary><c>{"type": "socialSecurity", "owner", "pia", "claimAge"}</c>: a retirement benefit.</summary>
public sealed record SocialSecurityIncome : IncomeStream
{
    /// <summary>Monthly primary insurance amount at full retirement age, in today's dollars (the SSA statement's
    /// figure).</summary>
    public double Pia { get; init; }

    /// <summary>Claim age in whole months (62·12 to 70·12); null = the owner's full retirement age.</summary>
    public int? ClaimAgeMonths { get; init; }

    /// <inheritdoc />
    public override int FirstPaymentAgeMonths(int ownerBirthYear) =>
        ClaimAgeMonths ?? SocialSecurityBenefit.FullRetirementAgeMonths(ownerBirthYear);

    internal static readonly string[] Fields = ["type", "owner", "pia", "claimAge"];

    internal static SocialSecurityIncome Read(JsonObjectReader o) => IncomeSection.ReadSocialSecurity(o);
}
