namespace Sim.Engine.Rules;

/// <summary>
/// The raw piecewise-linear form of a <see cref="TaxSchedule"/> in gross-income terms, for vectorized evaluators.
/// For gross income <c>x</c>: tax = 0 when <c>x ≤ GrossThresholds[0]</c> (the standard deduction); otherwise,
/// with <c>k</c> the last index such that <c>GrossThresholds[k] ≤ x</c>,
/// tax = <c>CumulativeTax[k] + Rates[k] · (x − GrossThresholds[k])</c>.
/// <see cref="TaxSchedule.TaxOnGrossIncome"/> evaluates exactly this expression, so a vectorized twin that does the
/// same operations returns bit-identical results.
/// </summary>
public sealed class TaxScheduleArrays
{
    private readonly double[] _grossThresholds;
    private readonly double[] _rates;
    private readonly double[] _cumulativeTax;

    internal TaxScheduleArrays(double[] grossThresholds, double[] rates, double[] cumulativeTax)
    {
        _grossThresholds = grossThresholds;
        _rates = rates;
        _cumulativeTax = cumulativeTax;
    }

    /// <summary>Number of brackets.</summary>
    public int Count => _rates.Length;

    /// <summary>Bracket starts in gross income: standard deduction + the bracket's taxable-income threshold.</summary>
    public ReadOnlySpan<double> GrossThresholds => _grossThresholds;

    /// <summary>Marginal rate of each bracket.</summary>
    public ReadOnlySpan<double> Rates => _rates;

    /// <summary>Tax due at each bracket start (0 for the first).</summary>
    public ReadOnlySpan<double> CumulativeTax => _cumulativeTax;
}
