namespace Sim.Engine.Rules;

/// <summary>
/// The plan-year dollar limits: the published table for 2022-2026 (IRS COLA table for 2022-2025, IRS Notice 2025-67
/// for 2026; embedded <c>irs_401k_limits_2022_2026.csv</c>) and, after 2026, the 2026 values indexed by a constant
/// rate and rounded down to each limit's statutory step (spec 5 and 12).
/// </summary>
/// <remarks>
/// Rounding steps follow the statute's own cost-of-living rounding: IRC 402(g)(4) and 414(v)(2)(C) ($500),
/// 415(d)(4) ($1,000 for 415(c)), 401(a)(17)(B) ($5,000), and $5,000 for the 414(v)(7) Roth catch-up wage threshold (spec 5).
/// After 2026, <c>L(Y) = floor(L2026 · (1+i)^(Y−2026) / step) · step</c>, computed afresh from the 2026 value each
/// year (never from the previous, already rounded, year) in <see cref="decimal"/> arithmetic, so a value that is an
/// exact multiple of its step never loses a step to binary rounding. One addition to that formula: the age 60-63
/// catch-up never falls below its statutory floor of $11,250 (see <see cref="CatchUp60To63StatutoryFloor"/>).
/// </remarks>
public static class ContributionLimits
{
    /// <summary>First year with a published table.</summary>
    public const int FirstPublishedYear = 2022;

    /// <summary>Last year with a published table; later years are indexed from it.</summary>
    public const int LastPublishedYear = 2026;

    /// <summary>First year in which the Roth catch-up rule of IRC 414(v)(7) is enforced (Notice 2023-62 transition).</summary>
    public const int RothCatchUpFirstYear = 2026;

    /// <summary>First year of the age 60-63 catch-up (SECURE 2.0 §109).</summary>
    public const int CatchUp60To63FirstYear = 2025;

    /// <summary>Rounding step of the 402(g) limit and both catch-up amounts.</summary>
    public const decimal DeferralStep = 500m;

    /// <summary>Rounding step of the 415(c) limit.</summary>
    public const decimal AnnualAdditionsStep = 1_000m;

    /// <summary>Rounding step of the 401(a)(17) limit and the Roth catch-up wage threshold.</summary>
    public const decimal CompensationStep = 5_000m;

    /// <summary>
    /// The age 60-63 catch-up is the greater of an indexed $10,000 and 150% of the 2024 age-50 amount (IRC
    /// 414(v)(2)(E)(i)(II): 1.5 × $7,500 = $11,250, not indexed). $11,250 is not a multiple of the $500 step, so the
    /// spec's indexing formula alone would drop it to $11,000 at low indexing rates; the statutory floor keeps it.
    /// </summary>
    public const double CatchUp60To63StatutoryFloor = 11_250;

    private static readonly Lazy<IReadOnlyDictionary<int, PublishedRow>> Published = new(LoadPublished);

    /// <summary>The limits of <paramref name="year"/>.</summary>
    /// <param name="year">Plan year, 2022 or later.</param>
    /// <param name="indexingRate">Yearly growth of the limits after 2026 (ignored up to 2026); must exceed −1.</param>
    /// <exception cref="ArgumentOutOfRangeException">Year before 2022, or an indexing rate that is not finite or ≤ −1.</exception>
    public static LimitSet For(int year, double indexingRate)
    {
        if (year < FirstPublishedYear)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, $"Limits are available from {FirstPublishedYear}.");
        }

        if (year <= LastPublishedYear)
        {
            return Published.Value[year].ToLimitSet(year);
        }

        if (!double.IsFinite(indexingRate) || indexingRate <= -1)
        {
            throw new ArgumentOutOfRangeException(nameof(indexingRate), indexingRate, "The indexing rate must be finite and above -1.");
        }

        PublishedRow b = Published.Value[LastPublishedYear];
        int n = year - LastPublishedYear;
        return new LimitSet(
            year,
            ElectiveDeferral: Index(b.ElectiveDeferral, indexingRate, n, DeferralStep),
            CatchUp50: Index(b.CatchUp50, indexingRate, n, DeferralStep),
            CatchUp60To63: Math.Max(CatchUp60To63StatutoryFloor, Index(b.CatchUp60To63, indexingRate, n, DeferralStep)),
            AnnualAdditions: Index(b.AnnualAdditions, indexingRate, n, AnnualAdditionsStep),
            CompensationLimit: Index(b.CompensationLimit, indexingRate, n, CompensationStep),
            RothCatchUpWageThreshold: Index(b.RothCatchUpWageThreshold, indexingRate, n, CompensationStep));
    }

    /// <summary>
    /// <c>floor(base · (1+rate)^years / step) · step</c> in decimal arithmetic (falls back to binary floating point
    /// only if the decimal range would overflow, i.e. for absurd rates).
    /// </summary>
    public static double Index(decimal baseValue, double rate, int years, decimal step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(years);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(step, 0m);
        try
        {
            decimal growth = 1m + (decimal)rate;
            decimal value = baseValue;
            for (int k = 0; k < years; k++)
            {
                value *= growth;
            }

            return (double)(decimal.Floor(value / step) * step);
        }
        catch (OverflowException)
        {
            double s = (double)step;
            return Math.Floor((double)baseValue * Math.Pow(1 + rate, years) / s) * s;
        }
    }

    private static Dictionary<int, PublishedRow> LoadPublished()
    {
        EmbeddedCsv csv = EmbeddedCsv.Load("irs_401k_limits_2022_2026.csv");
        int cYear = csv.Column("year");
        int cDeferral = csv.Column("elective_deferral_402g");
        int cCatch50 = csv.Column("catch_up_age50_414v");
        int cCatch60 = csv.Column("catch_up_age60_63_414v2E");
        int c415 = csv.Column("annual_additions_415c");
        int c17 = csv.Column("compensation_limit_401a17");
        int cRoth = csv.Column("roth_catchup_fica_wage_threshold_414v7");
        var rows = new Dictionary<int, PublishedRow>();
        foreach (string[] r in csv.Rows)
        {
            int year = EmbeddedCsv.ParseInt(r[cYear]);
            rows[year] = new PublishedRow(
                EmbeddedCsv.ParseDecimal(r[cDeferral]),
                EmbeddedCsv.ParseDecimal(r[cCatch50]),
                OptionalDecimal(r[cCatch60]),
                EmbeddedCsv.ParseDecimal(r[c415]),
                EmbeddedCsv.ParseDecimal(r[c17]),
                OptionalDecimal(r[cRoth]));
        }

        for (int y = FirstPublishedYear; y <= LastPublishedYear; y++)
        {
            if (!rows.ContainsKey(y))
            {
                throw new InvalidDataException($"The embedded limits table has no row for {y}.");
            }
        }

        return rows;
    }

    private static decimal OptionalDecimal(string field) => field.Length == 0 ? 0m : EmbeddedCsv.ParseDecimal(field);

    private sealed record PublishedRow(
        decimal ElectiveDeferral,
        decimal CatchUp50,
        decimal CatchUp60To63,
        decimal AnnualAdditions,
        decimal CompensationLimit,
        decimal RothCatchUpWageThreshold)
    {
        public LimitSet ToLimitSet(int year) => new(
            year,
            (double)ElectiveDeferral,
            (double)CatchUp50,
            year >= CatchUp60To63FirstYear ? (double)CatchUp60To63 : 0.0,
            (double)AnnualAdditions,
            (double)CompensationLimit,
            // 2025's published threshold ($145,000) is not enforced: Notice 2023-62's administrative transition
            // period runs through 2025, so the Roth catch-up requirement applies from 2026.
            year >= RothCatchUpFirstYear ? (double)RothCatchUpWageThreshold : double.PositiveInfinity);
    }
}
