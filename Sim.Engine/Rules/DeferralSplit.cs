namespace Sim.Engine.Rules;

/// <summary>One year's employee deferral, split by tax treatment.</summary>
/// <param name="Total">E: the whole elective deferral, including catch-up.</param>
/// <param name="Roth">Designated Roth part (IRC 402A).</param>
/// <param name="Pretax">Pre-tax part: <c>Total − Roth</c>.</param>
/// <param name="CatchUp">The part above the 402(g) limit, <c>max(0, Total − 402(g))</c>; excluded from the 415(c)
/// test (IRC 414(v)(3)(A)).</param>
public readonly record struct DeferralSplit(double Total, double Roth, double Pretax, double CatchUp)
{
    /// <summary>The deferral counted against 415(c): <c>Total − CatchUp</c>.</summary>
    public double ExcludingCatchUp => Total - CatchUp;
}
