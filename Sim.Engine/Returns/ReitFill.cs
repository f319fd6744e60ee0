using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Sim.Engine.Random;
using Sim.Engine.Scenarios;
using Sim.Engine.Simd;

namespace Sim.Engine.Returns;

/// <summary>
/// REIT returns for a history without a REIT series (spec 3, 12), drawn from the scenario's lognormal REIT model
/// conditional on the year's (unshocked) stock return: z_s = (ln(1 + r_s) − m_s)/s_s with the scenario's stock
/// parameters, z_r = ρ·z_s + sqrt(1 − ρ²)·ε with ρ the stocks-REITs entry of the correlation matrix and ε normal 0
/// of stream <see cref="RandomStreams.ReitFill"/> for (seed, path, year), and r_reit = e^(m_r + s_r·z_r) − 1.
/// If the scenario's stock deviation is 0, z_s is taken as 0; if the REIT deviation is 0, the REIT return is its mean.
/// </summary>
public sealed class ReitFill
{
    private readonly Kernel _kernel;

    /// <summary>The fill for a scenario's return parameters and seed.</summary>
    /// <param name="returns">The scenario's stocks and REIT parameters and correlation matrix (validated here).</param>
    /// <param name="seed">The run's seed; the REIT normals use stream <see cref="RandomStreams.ReitFill"/>.</param>
    public ReitFill(Scenarios.Returns returns, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(returns);
        // Validates the whole matrix (and gives its ρ), so a bad matrix is reported the same way in every model.
        CorrelationFactor.Compute(returns.Correlation);
        Rho = returns.Correlation[(int)Asset.Stocks][(int)Asset.Reits];
        Stock = LognormalParameters.From(returns.Stocks, "stocks");
        Reit = LognormalParameters.From(returns.Reits, "reits");
        _kernel = new Kernel(Stock, Reit, Rho, Math.Sqrt(1.0 - Rho * Rho), PhiloxKey.FromSeed(seed));
    }

    /// <summary>The stocks-REITs correlation used.</summary>
    public double Rho { get; }

    /// <summary>Log-return parameters of the scenario's stock model.</summary>
    public LognormalParameters Stock { get; }

    /// <summary>Log-return parameters of the scenario's REIT model.</summary>
    public LognormalParameters Reit { get; }

    /// <summary>reits[i] from stocks[i] for paths firstPath + i, i in [0, count), of year <paramref name="year"/>.</summary>
    public void Fill(int year, long firstPath, int count, double[] stocks, double[] reits, SimdWidth width)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Math.Min(stocks.Length, reits.Length));
        ArgumentOutOfRangeException.ThrowIfNegative(firstPath);
        var range = new FillRange(firstPath, year, _kernel, stocks, reits);
        WidthDriver.RunRange(width, count, ref range);
    }

    private readonly struct FillRange(long firstPath, int year, Kernel kernel, double[] stocks, double[] reits) : ILaneRange
    {
        public int Run<L, TD, TU>(int start, int end)
            where L : struct, ILanes<TD, TU>
            where TD : struct
            where TU : struct => FillLanes<L, TD, TU>(start, end, firstPath, year, kernel, stocks, reits);
    }

    private static int FillLanes<L, TD, TU>(int start, int end, long firstPath, int year, in Kernel k, double[] stocks, double[] reits)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        uint word = CounterLayout.YearStreamWord(year, RandomStreams.ReitFill);
        ref double src = ref MemoryMarshal.GetArrayDataReference(stocks);
        ref double dst = ref MemoryMarshal.GetArrayDataReference(reits);
        // ε (normal 0 of the stream, LaneDraws.PathPairNormal) into the REIT array first, for every path this call
        // maps (its whole vectors), then the returns in place.
        int vectorEnd = start + (end - start) / L.Count * L.Count;
        LaneDraws.FillPathPairs<L, TD, TU>(start, vectorEnd, firstPath, word, 0, k.Key, ref dst);

        int i = start;
        for (; i < vectorEnd; i += L.Count)
        {
            TD stock = L.Load(ref Unsafe.Add(ref src, i));
            TD zs = k.Stock.IsConstant
                ? L.Splat(0.0)
                : L.Div(L.Sub(VMath.Log<L, TD, TU>(L.Add(L.Splat(1.0), stock)), L.Splat(k.Stock.M)), L.Splat(k.Stock.S));
            TD eps = L.Load(ref Unsafe.Add(ref dst, i));
            TD zr = L.Add(L.Mul(L.Splat(k.Rho), zs), L.Mul(L.Splat(k.RhoComplement), eps));
            L.Store(CorrelatedReturnGenerator.AssetReturn<L, TD, TU>(zr, k.Reit), ref Unsafe.Add(ref dst, i));
        }

        return i;
    }

    private readonly record struct Kernel(LognormalParameters Stock, LognormalParameters Reit, double Rho,
        double RhoComplement, PhiloxKey Key);
}
