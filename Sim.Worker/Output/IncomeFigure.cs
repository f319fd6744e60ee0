using System.Globalization;
using Sim.Engine.Scenarios;
using Sim.Engine.Simulation;

namespace Sim.Worker.Output;

/// <summary>
/// Social Security and pension income of the first year in which every income stream pays all 12 months: the one
/// figure the CLI summary, <c>summary.parquet</c> (<c>income_age</c>, <c>income_real</c>,
/// <c>income_level_nominal</c>) and the results page show. Social Security and inflation-indexed pensions are the
/// same in today's dollars on every path; level pensions (fixed or no COLA) are the same in nominal dollars.
/// </summary>
/// <param name="Age">The participant's age in that year.</param>
/// <param name="Real">Social Security + inflation-indexed pensions, today's dollars a year.</param>
/// <param name="LevelNominal">Pensions without inflation indexing, nominal dollars a year (0 when none).</param>
public sealed record IncomeFigure(int Age, double Real, double LevelNominal)
{
    /// <summary>The figure of <paramref name="scenario"/>, or null when it has no income streams or their first full
    /// year lies after <paramref name="lastYear"/>.</summary>
    public static IncomeFigure? Of(Scenario scenario, int lastYear)
    {
        if (IncomeSchedule.FirstFullYear(scenario) is not { } year || year > lastYear)
        {
            return null;
        }

        var income = IncomeSchedule.ForYear(scenario, year);
        return new IncomeFigure(year - scenario.Participant.BirthYear, income.SocialSecurityToday + income.PensionToday,
            income.PensionNominal);
    }

    /// <summary>The label: <c>income at 70 (first full year), today's dollars</c>.</summary>
    public string Label => $"income at {Age.ToString(CultureInfo.InvariantCulture)} (first full year), today's dollars";

    /// <summary>The results page's label, which names the streams: <c>Social Security and pensions at 70 (first full
    /// year), today's dollars</c>.</summary>
    public string PageLabel => "Social Security and pensions" + Label["income".Length..];

    /// <summary>The value: <c>$31,200 a year</c>, plus the level pensions in nominal dollars when there are any.</summary>
    public string Text => $"{Units.Money(Real)} a year" +
        (LevelNominal > 0 ? $", plus {Units.Money(LevelNominal)} nominal of level pensions" : "");
}
