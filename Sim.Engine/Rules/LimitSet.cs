namespace Sim.Engine.Rules;

/// <summary>
/// The dollar limits of one plan year (spec 5). All amounts are nominal dollars of <see cref="Year"/>.
/// </summary>
/// <param name="Year">Calendar (plan) year.</param>
/// <param name="ElectiveDeferral">IRC 402(g)(1)(B): elective deferral limit.</param>
/// <param name="CatchUp50">IRC 414(v)(2)(B)(i): catch-up for participants who attain age 50 by year end.</param>
/// <param name="CatchUp60To63">IRC 414(v)(2)(E) (SECURE 2.0 §109): the larger catch-up for ages 60-63; 0 before 2025.</param>
/// <param name="AnnualAdditions">IRC 415(c)(1)(A): annual additions limit.</param>
/// <param name="CompensationLimit">IRC 401(a)(17): compensation that may be taken into account.</param>
/// <param name="RothCatchUpWageThreshold">IRC 414(v)(7) (SECURE 2.0 §603): prior-year FICA wages above which
/// catch-ups must be Roth; <see cref="double.PositiveInfinity"/> before 2026 (the rule is enforced from 2026).</param>
public sealed record LimitSet(
    int Year,
    double ElectiveDeferral,
    double CatchUp50,
    double CatchUp60To63,
    double AnnualAdditions,
    double CompensationLimit,
    double RothCatchUpWageThreshold);
