using Sim.Engine.Simd;

namespace Sim.Engine.Simulation.Policies;

/// <summary>The first distribution year's target shared by fixedReal, fixedNominal and guardrails: amount × I(Y)
/// (today's dollars) when an amount is given, else initialRate × the opening balance.</summary>
internal readonly struct FirstTarget(double initialRate, double? amount)
{
    public double Scalar(PathState st, int i, double opening) =>
        amount is { } a ? a * st.Index[i] : initialRate * opening;

    public TD Lanes<TL, TD, TU>(PathState st, int i, TD opening)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct =>
        amount is { } a
            ? TL.Mul(TL.Splat(a), LaneArrays.Load<TL, TD, TU>(st.Index, i))
            : TL.Mul(TL.Splat(initialRate), opening);
}
