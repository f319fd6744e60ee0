namespace Sim.Engine.Rules;

/// <summary>
/// The 10% additional tax on early distributions from qualified plans (IRC 72(t)(1)) and the exceptions the model
/// uses (spec 8 and 12).
/// </summary>
public static class EarlyWithdrawalPenalty
{
    /// <summary>The additional tax rate on the taxable part of an early distribution (IRC 72(t)(1)).</summary>
    public const double Rate = 0.10;

    /// <summary>
    /// True if the additional tax applies to a distribution made on January 1 of a year in which the participant
    /// attains <paramref name="age"/>. Exempt: age ≥ 60, i.e. 59½ reached by January 1 with a July 1 birthday
    /// (72(t)(2)(A)(i)); separated from service with <paramref name="retirementAge"/> ≥ 55, the "rule of 55"
    /// (72(t)(2)(A)(v): separation in or after the year the participant attains 55 exempts every later distribution
    /// from that plan); disability (72(t)(2)(A)(iii)); substantially equal periodic payments (72(t)(2)(A)(iv)).
    /// </summary>
    /// <param name="age">Age attained in the distribution year.</param>
    /// <param name="retirementAge">Age in the year of separation.</param>
    /// <param name="separated">Whether the participant has separated from service (a distribution year).</param>
    /// <param name="disability">Disability exception.</param>
    /// <param name="sepp">Substantially-equal-periodic-payments exception.</param>
    public static bool Applies(int age, int retirementAge, bool separated, bool disability, bool sepp)
    {
        if (disability || sepp || age >= 60)
        {
            return false;
        }

        return !(separated && retirementAge >= 55);
    }

    /// <summary>
    /// True if the additional tax applies to a distribution from an IRA (after a rollover, docs/model.md section 13)
    /// made on January 1 of a year in which the owner attains <paramref name="age"/>. The same exceptions as
    /// <see cref="Applies"/> except separation from service at 55 or later: IRC 72(t)(3)(A) makes 72(t)(2)(A)(v)
    /// inapplicable to individual retirement plans, so the rule of 55 is lost by rolling the plan over.
    /// </summary>
    public static bool AppliesToIra(int age, bool disability, bool sepp) => !(disability || sepp || age >= 60);
}
