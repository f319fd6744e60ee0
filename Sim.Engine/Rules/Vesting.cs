using Sim.Engine.Scenarios;

namespace Sim.Engine.Rules;

/// <summary>
/// Vesting of employer contributions (IRC 411(a)(2)(B), the minimum vesting standards for defined contribution
/// plans as amended by the Pension Protection Act of 2006 §904): a plan's schedule must be at least as fast as a
/// 3-year cliff or a 2-to-6-year graded schedule (20%, 40%, 60%, 80%, 100% after 2..6 years). Employee money is
/// always fully vested (IRC 411(a)(1)); that is the kernel's concern.
/// </summary>
public static class Vesting
{
    /// <summary>Completed years after which the legal-maximum cliff schedule vests 100% (IRC 411(a)(2)(B)(ii)).</summary>
    public const int LegalMaximumCliffYears = 3;

    /// <summary>
    /// The vested fraction of the employer balance after <paramref name="completedYearsOfService"/> completed years:
    /// immediate = 1; cliff = 1 once the years reach <see cref="VestingSchedule.Years"/>, else 0; graded =
    /// <c>schedule[years]</c> with the last value holding beyond the list (an empty list vests fully). Negative years
    /// count as 0; results are clamped to [0, 1].
    /// </summary>
    public static double VestedFraction(VestingSchedule schedule, int completedYearsOfService)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        int years = Math.Max(0, completedYearsOfService);
        return schedule.Type switch
        {
            VestingType.Immediate => 1.0,
            VestingType.Cliff => years >= schedule.Years ? 1.0 : 0.0,
            VestingType.Graded => schedule.Schedule.Count == 0
                ? 1.0
                : Math.Clamp(schedule.Schedule[Math.Min(years, schedule.Schedule.Count - 1)], 0.0, 1.0),
            _ => throw new ArgumentOutOfRangeException(nameof(schedule), schedule.Type, "Unknown vesting type."),
        };
    }

    /// <summary>The 2-to-6-year graded legal maximum (IRC 411(a)(2)(B)(iii)): 0, 0, 20%, 40%, 60%, 80%, 100%.</summary>
    public static double LegalMaximumGradedFraction(int completedYearsOfService) => completedYearsOfService switch
    {
        < 2 => 0.0,
        >= 6 => 1.0,
        _ => (completedYearsOfService - 1) * 0.2,
    };

    /// <summary>
    /// True when the schedule vests more slowly than the law allows: it satisfies neither the 3-year cliff (100%
    /// after 3 completed years) nor the 2-to-6-year graded schedule (at least the graded fraction after every
    /// number of years). A schedule meeting either one complies (IRC 411(a)(2)(B) "(ii) or (iii)").
    /// </summary>
    public static bool IsSlowerThanLegalMaximum(VestingSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        int horizon = Math.Max(7, schedule.Type == VestingType.Graded ? schedule.Schedule.Count + 1 : schedule.Years + 1);
        bool meetsCliff = VestedFraction(schedule, LegalMaximumCliffYears) >= 1.0;
        bool meetsGraded = true;
        for (int n = 0; n <= horizon; n++)
        {
            if (VestedFraction(schedule, n) < LegalMaximumGradedFraction(n) - 1e-12)
            {
                meetsGraded = false;
                break;
            }
        }

        return !(meetsCliff || meetsGraded);
    }
}
