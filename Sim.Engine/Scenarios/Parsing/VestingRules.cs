namespace Sim.Engine.Scenarios.Parsing;

/// <summary>
/// The slowest vesting a qualified plan may use for employer contributions, IRC 411(a)(2)(B) (defined contribution
/// plans, plan years after 2006 per the Pension Protection Act of 2006 section 904): either 100% after 3 years of
/// service (cliff), or 20% after 2 years rising 20 points a year to 100% after 6 (graded). A schedule is legal when
/// it is at every year at least as generous as one of the two.
/// </summary>
internal static class VestingRules
{
    /// <summary>IRC 411(a)(2)(B)(ii): vested fraction after n completed years of service, n = 0..6.</summary>
    private static readonly double[] LegalGraded = [0, 0, 0.2, 0.4, 0.6, 0.8, 1.0];

    /// <summary>IRC 411(a)(2)(B)(i): 100% after 3 completed years of service.</summary>
    public const int LegalCliffYears = 3;

    public static bool MeetsLegalMaximum(VestingSchedule v)
    {
        switch (v.Type)
        {
            case VestingType.Immediate:
                return true;
            case VestingType.Cliff:
                return v.Years <= LegalCliffYears;
            default:
                if (v.Schedule.Count == 0)
                {
                    return true;
                }

                var horizon = Math.Max(v.Schedule.Count, LegalGraded.Length);
                var asGoodAsCliff = true;
                var asGoodAsGraded = true;
                for (var n = 0; n < horizon; n++)
                {
                    var f = v.Schedule[Math.Min(n, v.Schedule.Count - 1)];
                    asGoodAsCliff &= f >= (n >= LegalCliffYears ? 1.0 : 0.0);
                    asGoodAsGraded &= f >= LegalGraded[Math.Min(n, LegalGraded.Length - 1)];
                }

                return asGoodAsCliff || asGoodAsGraded;
        }
    }
}
