namespace Sim.Engine.Scenarios.Parsing;

/// <summary><c>$.contributions</c>: the employee's deferral election.</summary>
internal static class ContributionsSection
{
    public static readonly string[] Fields =
        ["deferralRate", "rothShare", "escalationStep", "escalationCap", "rothAvailable"];

    public static Contributions Read(JsonObjectReader? o)
    {
        var d = new Contributions();
        if (o is null)
        {
            return d;
        }

        return new Contributions
        {
            DeferralRate = o.Number("deferralRate", d.DeferralRate, NumberRange.Fraction),
            RothShare = o.Number("rothShare", d.RothShare, NumberRange.Fraction),
            EscalationStep = o.Number("escalationStep", d.EscalationStep, NumberRange.Fraction),
            EscalationCap = o.Number("escalationCap", d.EscalationCap, NumberRange.Fraction),
            RothAvailable = o.Boolean("rothAvailable", d.RothAvailable),
        };
    }
}
