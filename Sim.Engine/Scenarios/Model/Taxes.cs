namespace Sim.Engine.Scenarios;

/// <c>$.taxes</c>: income tax on withdrawals and the exceptions to the 10% additional tax (docs/model.md section 8).
public sealed record Taxes
{
    /// <summary>22%: the flat effective rate when none is given.</summary>
    public const double DefaultFlatRate = 0.22;

    /// <summary>Flat effective rate (default) or federal brackets.</summary>
    public TaxMethod Method { get; init; } = TaxMethod.Flat;
    /// <summary>flat: effective tax rate on the taxable part of each withdrawal; default <see cref="DefaultFlatRate"/>.</summary>
    public double Rate { get; init; } = DefaultFlatRate;
    /// <summary>brackets: whose brackets and standard deduction apply; single by default.</summary>
    public FilingStatus FilingStatus { get; init; } = FilingStatus.Single;
    /// <summary>Today's dollars; grows with the path's inflation index.</summary>
    public double OtherIncome { get; init; }
    /// <summary>Exceptions to the 10% additional tax that apply to this participant; none by default.</summary>
    public IReadOnlyList<PenaltyException> Exceptions { get; init; } = [];
}
