using System.Runtime.CompilerServices;
using Sim.Engine.Returns;
using Sim.Engine.Scenarios;
using Sim.Engine.Simd;

namespace Sim.Engine.Simulation;

/// <summary>Phase A, computed where phase C reads it (no block array in between).</summary>
internal sealed partial class PathKernel
{
    /// <summary>R = ((ws·rs + wb·rb) + wc·rc) + wr·rr for the lanes of block elements j.., in this order in every width
    /// (no FMA).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TD PortfolioReturn<TL, TD, TU>(AssetWeights w, ReturnBlock r, int j)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct =>
        TL.Add(TL.Add(TL.Add(
                    TL.Mul(TL.Splat(w.Stocks), LaneArrays.Load<TL, TD, TU>(r.Stocks, j)),
                    TL.Mul(TL.Splat(w.Bonds), LaneArrays.Load<TL, TD, TU>(r.Bonds, j))),
                TL.Mul(TL.Splat(w.Cash), LaneArrays.Load<TL, TD, TU>(r.Cash, j))),
            TL.Mul(TL.Splat(w.Reits), LaneArrays.Load<TL, TD, TU>(r.Reits, j)));
}
