namespace Sim.Engine.Scenarios;

public sealed record Taxes
{
    public const double DefaultFlatRate = 0.22;

    public TaxMethod Method { get; init; } = TaxMethod.Flat;
    public double Rate { get; init; } = DefaultFlatRate;
    public FilingStatus FilingStatus { get; init; } = FilingStatus.Single;
    /// <summary>Today's dollars; grows with the path's inflation index.</summary>
    public double OtherIncome { get; init; }
    public IReadOnlyList<PenaltyException> Exceptions { get; init; } = [];
}
