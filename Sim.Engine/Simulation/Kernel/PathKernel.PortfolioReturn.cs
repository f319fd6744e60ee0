using Sim.Engine.Returns;
using Sim.Engine.Scenarios;
using Sim.Engine.Simd;

namespace Sim.Engine.Simulation;

/// <summary>Phase A.</summary>
internal sealed partial class PathKernel
{
    /// <summary>R = ((ws·rs + wb·rb) + wc·rc) + wr·rr per lane, in this order in every width (no FMA).</summary>
    private void PortfolioReturn(AssetWeights w, ReturnBlock r, int count, double[] dest)
    {
        var loop = new PortfolioReturnLoop(w, r, dest);
        WidthDriver.Run(_width, count, ref loop);
    }

    private readonly struct PortfolioReturnLoop(AssetWeights w, ReturnBlock r, double[] dest) : ILaneLoop
    {
        public void Lanes<TL, TD, TU>(int j)
            where TL : struct, ILanes<TD, TU>
            where TD : struct
            where TU : struct
        {
            TD v = TL.Add(TL.Add(TL.Add(
                        TL.Mul(TL.Splat(w.Stocks), LaneArrays.Load<TL, TD, TU>(r.Stocks, j)),
                        TL.Mul(TL.Splat(w.Bonds), LaneArrays.Load<TL, TD, TU>(r.Bonds, j))),
                    TL.Mul(TL.Splat(w.Cash), LaneArrays.Load<TL, TD, TU>(r.Cash, j))),
                TL.Mul(TL.Splat(w.Reits), LaneArrays.Load<TL, TD, TU>(r.Reits, j)));
            LaneArrays.Store<TL, TD, TU>(v, dest, j);
        }
    }
}
