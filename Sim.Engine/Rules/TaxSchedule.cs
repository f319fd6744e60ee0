using Sim.Engine.Scenarios;
using Sim.Engine.Simd;

namespace Sim.Engine.Rules;

/// <summary>
/// Federal income tax on ordinary income by brackets (IRC 1(j) rate schedules and IRC 63(c) standard deduction, as
/// set for 2025 by Rev. Proc. 2024-40 with the 2025 law change (P.L. 119-21) to the standard deduction, and for
/// 2026 by Rev. Proc. 2025-32; embedded <c>us_federal_income_tax_brackets_2025_2026.csv</c> and
/// <c>us_federal_standard_deduction_2025_2026.csv</c>). Years before 2025 use 2025; years after 2026 scale the 2026
/// thresholds and standard deduction by <c>(1+i)^(Y−2026)</c> without rounding (spec 8 and 12).
/// </summary>
/// <remarks>
/// The schedule is piecewise linear in gross income. Bracket-start taxes for the published years are accumulated in
/// decimal arithmetic, so the tax at each published threshold is exact to the cent (e.g. 2026 single at $640,600 of
/// taxable income: $192,979.25). Indexed years scale thresholds and bracket-start taxes by the same factor.
/// </remarks>
public sealed class TaxSchedule
{
    /// <summary>First year with a published schedule; earlier years use it.</summary>
    public const int FirstPublishedYear = 2025;

    /// <summary>Last year with a published schedule; later years are indexed from it.</summary>
    public const int LastPublishedYear = 2026;

    private static readonly Lazy<IReadOnlyDictionary<(int Year, FilingStatus Status), Published>> Tables = new(Load);

    private readonly double[] _taxableThresholds;
    private readonly double[] _grossThresholds;
    private readonly double[] _rates;
    private readonly double[] _cumulative;

    private TaxSchedule(int year, FilingStatus status, double standardDeduction, double[] taxableThresholds, double[] rates, double[] cumulative)
    {
        Year = year;
        Status = status;
        StandardDeduction = standardDeduction;
        _taxableThresholds = taxableThresholds;
        _rates = rates;
        _cumulative = cumulative;
        _grossThresholds = new double[taxableThresholds.Length];
        var brackets = new (double Rate, double Over)[rates.Length];
        for (int k = 0; k < rates.Length; k++)
        {
            _grossThresholds[k] = standardDeduction + taxableThresholds[k];
            brackets[k] = (rates[k], taxableThresholds[k]);
        }

        Brackets = brackets;
        Arrays = new TaxScheduleArrays(_grossThresholds, _rates, _cumulative);
    }

    /// <summary>The tax year this schedule applies to.</summary>
    public int Year { get; }

    /// <summary>Filing status.</summary>
    public FilingStatus Status { get; }

    /// <summary>Basic standard deduction (IRC 63(c)(2)).</summary>
    public double StandardDeduction { get; }

    /// <summary>(marginal rate, taxable income over which it applies), ascending.</summary>
    public IReadOnlyList<(double Rate, double Over)> Brackets { get; }

    /// <summary>The schedule in gross-income terms as raw arrays, for vectorized evaluation.</summary>
    public TaxScheduleArrays Arrays { get; }

    /// <summary>The schedule of <paramref name="year"/> for <paramref name="status"/>.</summary>
    /// <param name="year">Tax year (before 2025: the 2025 schedule).</param>
    /// <param name="status">Single or married filing jointly.</param>
    /// <param name="indexingRate">Yearly growth of thresholds and deduction after 2026 (ignored up to 2026).</param>
    public static TaxSchedule For(int year, FilingStatus status, double indexingRate)
    {
        int baseYear = Math.Clamp(year, FirstPublishedYear, LastPublishedYear);
        if (!Tables.Value.TryGetValue((baseYear, status), out Published? p))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "No tax schedule for this filing status.");
        }

        if (year <= LastPublishedYear)
        {
            return new TaxSchedule(year, status, p.StandardDeduction, [.. p.Thresholds], [.. p.Rates], [.. p.Cumulative]);
        }

        if (!double.IsFinite(indexingRate) || indexingRate <= -1)
        {
            throw new ArgumentOutOfRangeException(nameof(indexingRate), indexingRate, "The indexing rate must be finite and above -1.");
        }

        double f = Math.Pow(1.0 + indexingRate, year - LastPublishedYear);
        return new TaxSchedule(
            year,
            status,
            p.StandardDeduction * f,
            [.. p.Thresholds.Select(t => t * f)],
            [.. p.Rates],
            [.. p.Cumulative.Select(c => c * f)]);
    }

    /// <summary>Tax on taxable income (after the deduction); 0 for taxable income ≤ 0.</summary>
    public double TaxOnTaxableIncome(double taxableIncome) => Evaluate(_taxableThresholds, taxableIncome);

    /// <summary>Tax on gross ordinary income: <c>max(0, gross − deduction)</c> through the brackets.</summary>
    public double TaxOnGrossIncome(double grossIncome) => Evaluate(_grossThresholds, grossIncome);

    /// <summary>Marginal rate at a gross income: 0 below the standard deduction; at a threshold, the rate of the
    /// bracket that starts there.</summary>
    public double MarginalRate(double grossIncome)
    {
        int k = Bracket(_grossThresholds, grossIncome);
        return k < 0 ? 0.0 : _rates[k];
    }

    /// <summary>The tax charged to a withdrawal stacked on other income: <c>T(other + w) − T(other)</c> (spec 8).</summary>
    public double IncrementalTax(double otherIncome, double withdrawal) =>
        TaxOnGrossIncome(otherIncome + withdrawal) - TaxOnGrossIncome(otherIncome);

    /// <summary>
    /// The gross withdrawal <c>w ≥ 0</c> with <c>w − IncrementalTax(other, w) − penaltyRate · w = net</c>, solved
    /// exactly on the linear piece that contains the answer (no iteration). Returns 0 for <c>net ≤ 0</c>.
    /// </summary>
    /// <param name="otherIncome">Other ordinary income of the year.</param>
    /// <param name="net">Net amount wanted after income tax and penalty.</param>
    /// <param name="penaltyRate">0, or <see cref="EarlyWithdrawalPenalty.Rate"/> on the whole withdrawal.</param>
    public double GrossUp(double otherIncome, double net, double penaltyRate) =>
        GrossUp(otherIncome, net, penaltyRate, taxableShare: 1.0, fixedTaxable: 0.0);

    /// <summary>
    /// General exact gross-up for a withdrawal whose taxable part is affine in its size: taxable(w) =
    /// <c>fixedTaxable + taxableShare · w</c> (e.g. an RMD taken wholly from pre-tax plus a pro-rata remainder). Solves
    /// <c>w − [T(other + taxable(w)) − T(other)] − penaltyRate · taxable(w) = net</c> for the smallest <c>w ≥ 0</c>
    /// (0 if the left side at w = 0 already reaches <paramref name="net"/>).
    /// </summary>
    public double GrossUp(double otherIncome, double net, double penaltyRate, double taxableShare, double fixedTaxable)
    {
        if (taxableShare < 0.0 || taxableShare > 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(taxableShare), taxableShare, "The taxable share must be in [0, 1].");
        }

        // The rule is written once, over lanes (TaxScheduleArrays.GrossUp: the walk up the brackets from x0's); this
        // is its one-lane instance, so the vectorized distribution phase and this method give the same bits.
        var (gross, slope) = Arrays.GrossUp<Lanes1, double, ulong>(otherIncome, net, penaltyRate, taxableShare, fixedTaxable);
        if (slope <= 0.0)
        {
            throw new InvalidOperationException("Tax plus penalty reach 100% at the margin; no finite gross-up exists.");
        }

        return gross;
    }

    /// <summary>Last index k with thresholds[k] ≤ x, or −1 (binary search; thresholds ascending).</summary>
    private static int Bracket(double[] thresholds, double x)
    {
        int lo = 0;
        int hi = thresholds.Length - 1;
        int found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (thresholds[mid] <= x)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }

    private double Evaluate(double[] thresholds, double income)
    {
        if (!(income > thresholds[0]))
        {
            return 0.0;
        }

        int k = Bracket(thresholds, income);
        return _cumulative[k] + _rates[k] * (income - thresholds[k]);
    }

    private static Dictionary<(int, FilingStatus), Published> Load()
    {
        EmbeddedCsv brackets = EmbeddedCsv.Load("us_federal_income_tax_brackets_2025_2026.csv");
        EmbeddedCsv deductions = EmbeddedCsv.Load("us_federal_standard_deduction_2025_2026.csv");
        var deduction = new Dictionary<(int, FilingStatus), decimal>();
        foreach (string[] row in deductions.Rows)
        {
            deduction[(EmbeddedCsv.ParseInt(row[deductions.Column("year")]), ParseStatus(row[deductions.Column("filing_status")]))] =
                EmbeddedCsv.ParseDecimal(row[deductions.Column("standard_deduction")]);
        }

        var rows = new Dictionary<(int, FilingStatus), List<(decimal Rate, decimal Over)>>();
        foreach (string[] row in brackets.Rows)
        {
            var key = (EmbeddedCsv.ParseInt(row[brackets.Column("year")]), ParseStatus(row[brackets.Column("filing_status")]));
            if (!rows.TryGetValue(key, out List<(decimal, decimal)>? list))
            {
                rows[key] = list = [];
            }

            list.Add((EmbeddedCsv.ParseDecimal(row[brackets.Column("rate")]), EmbeddedCsv.ParseDecimal(row[brackets.Column("taxable_income_over")])));
        }

        var result = new Dictionary<(int, FilingStatus), Published>();
        foreach (var (key, list) in rows)
        {
            list.Sort((a, b) => a.Over.CompareTo(b.Over));
            if (list[0].Over != 0m)
            {
                throw new InvalidDataException($"The {key} tax schedule must start at 0.");
            }

            var cumulative = new decimal[list.Count];
            for (int k = 1; k < list.Count; k++)
            {
                cumulative[k] = cumulative[k - 1] + list[k - 1].Rate * (list[k].Over - list[k - 1].Over);
            }

            if (!deduction.TryGetValue(key, out decimal d))
            {
                throw new InvalidDataException($"No standard deduction for {key}.");
            }

            result[key] = new Published(
                (double)d,
                [.. list.Select(b => (double)b.Over)],
                [.. list.Select(b => (double)b.Rate)],
                [.. cumulative.Select(c => (double)c)]);
        }

        foreach (FilingStatus s in Enum.GetValues<FilingStatus>())
        {
            for (int y = FirstPublishedYear; y <= LastPublishedYear; y++)
            {
                if (!result.ContainsKey((y, s)))
                {
                    throw new InvalidDataException($"The embedded tax tables lack {y} {s}.");
                }
            }
        }

        return result;
    }

    private static FilingStatus ParseStatus(string s) => s switch
    {
        "single" => FilingStatus.Single,
        "mfj" => FilingStatus.Mfj,
        _ => throw new InvalidDataException($"Unknown filing status '{s}'."),
    };

    private sealed record Published(double StandardDeduction, double[] Thresholds, double[] Rates, double[] Cumulative);
}
