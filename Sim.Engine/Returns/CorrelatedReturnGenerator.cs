using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Sim.Engine.Random;
using Sim.Engine.Scenarios;
using Sim.Engine.Simd;

namespace Sim.Engine.Returns;

/// <summary>
/// The <c>lognormal</c> and <c>studentT</c> models (spec 3, 12). For path p and year y: standard normals ε_0..ε_4
/// from stream <see cref="RandomStreams.AssetNormals"/> (ε_j from Philox block j of (seed, p − p mod 2, y), its cosine
/// half for an even p and its sine half for an odd p: <see cref="LaneDraws.PathPairNormal"/>); Z = L·ε with L the Cholesky factor of the correlation matrix in
/// <see cref="CorrelationFactor.DrawOrder"/> (Z_0 inflation, Z_1 stocks, Z_2 bonds, Z_3 cash, Z_4 REITs); for
/// studentT, Z is multiplied by sqrt((ν − 2)/W) with one chi-square(ν) draw W per path-year (stream
/// <see cref="RandomStreams.ChiSquare"/>) shared by all five components, which gives a multivariate t with unit
/// variances and the same correlations; then r_k = e^(m_k + s_k·Z_k) − 1 for the four assets (exactly μ_k when
/// σ_k = 0) and inflation = mean + sd·Z_0.
/// </summary>
/// <remarks>
/// Only the normals up to the last component that varies and is read are drawn (a component with σ = 0, or an asset
/// the <see cref="ReturnDemand"/> does not read, is its mean): a stocks-and-bonds plan draws ε_0..ε_2, one and a half
/// Philox blocks per path instead of two and a half, and two exponentials instead of four. Because row d of L depends
/// only on rows 0..d, and ε_j only on j, the components that are drawn have the same values whatever the demand.
/// Fill uses the destination arrays and a 2 KB stack buffer as scratch (<see cref="LaneDraws.FillPathPairs"/>): no
/// allocation, and the instance is immutable, so any number of threads may call Fill concurrently for different
/// blocks.
/// </remarks>
public sealed class CorrelatedReturnGenerator : IReturnGenerator
{
    private readonly Kernel _kernel;
    private readonly ShockPlan _shocks;
    private readonly int _years;

    internal CorrelatedReturnGenerator(Scenario scenario, SimdWidth width, ReturnDemand demand)
    {
        Scenarios.Returns r = scenario.Returns;
        Width = SimdWidths.Resolve(width);
        PathCount = scenario.Simulation.Paths;
        _years = scenario.Years;
        _shocks = new ShockPlan(scenario);
        bool studentT = r.Model == ReturnModelKind.StudentT;
        _kernel = new Kernel(CorrelationFactor.ComputeInDrawOrder(r.Correlation), demand,
            LognormalParameters.From(r.Stocks, "stocks"), LognormalParameters.From(r.Bonds, "bonds"),
            LognormalParameters.From(r.Cash, "cash"), LognormalParameters.From(r.Reits, "reits"),
            ValidInflation(r.Inflation), studentT,
            studentT ? new ChiSquareParameters(r.DegreesOfFreedom) : default, PhiloxKey.FromSeed(scenario.Simulation.Seed));

        string model = studentT
            ? string.Create(CultureInfo.InvariantCulture,
                $"studentT returns: multivariate Student-t with {r.DegreesOfFreedom} degrees of freedom scaled to unit variance (one chi-square draw per path-year shared by the four assets and inflation), mapped like the lognormal model")
            : "lognormal returns: r = exp(m + s*Z) - 1 with E[1+r] = 1 + mean, Z correlated standard normals (Cholesky factor of the scenario's correlation matrix), inflation normal floored at -99%";
        Notes = string.Create(CultureInfo.InvariantCulture,
            $"{model}; Philox4x32-10 counter-based random numbers, seed {scenario.Simulation.Seed}.{ShockNotes.Describe(_shocks)}");
    }

    /// <summary>The vector width Fill uses (never Auto).</summary>
    public SimdWidth Width { get; }

    /// <inheritdoc/>
    public long PathCount { get; }

    /// <summary>Standard normals drawn per path-year for the asset returns and inflation (0 to 5; Philox blocks are
    /// whole, so an odd count costs as much as the next even one).</summary>
    public int NormalsPerPathYear => _kernel.Normals;

    /// <inheritdoc/>
    public string Notes { get; }

    /// <inheritdoc/>
    public void Fill(int yearIndex, long firstPath, int count, ReturnBlock destination)
    {
        FillArguments.Check(yearIndex, _years, firstPath, count, PathCount, destination);
        // Whole vectors at the generator's width, the remainder paths through the scalar twin (same bits).
        var range = new FillRange(firstPath, yearIndex, _kernel, destination);
        WidthDriver.RunRange(Width, count, ref range);
        _shocks.Apply(yearIndex, count, destination);
    }

    private readonly struct FillRange(long firstPath, int year, Kernel kernel, ReturnBlock destination) : ILaneRange
    {
        public int Run<L, TD, TU>(int start, int end)
            where L : struct, ILanes<TD, TU>
            where TD : struct
            where TU : struct => FillLanes<L, TD, TU>(start, end, firstPath, year, kernel, destination);
    }

    private static MeanStdev ValidInflation(MeanStdev inflation)
    {
        ArgumentNullException.ThrowIfNull(inflation);
        if (!double.IsFinite(inflation.Mean) || !double.IsFinite(inflation.Stdev) || inflation.Stdev < 0)
        {
            throw new ArgumentException($"inflation: mean and standard deviation must be numbers, the deviation non-negative (got {inflation.Mean}, {inflation.Stdev})");
        }

        return inflation;
    }

    /// <summary>
    /// Paths [start, end) in whole vectors of L.Count, in two stages over the range: the normals the run needs, one
    /// at a time (ε_j from Philox block j, one block for two paths: <see cref="LaneDraws.PathPairNormal"/>), into the
    /// destination arrays used as scratch (ε_0 → Inflation, ε_1 → Stocks, ε_2 →
    /// Bonds, ε_3 → Cash, ε_4 → Reits), then the correlation and the mapping in place (each index reads its ε's before
    /// it writes its returns). Returns the first index not processed (the caller finishes with Lanes1).
    /// </summary>
    /// <remarks>
    /// The stages are separate methods because one method doing all of it exceeded the JIT's inlining budget: the
    /// lane operations of the later components became calls (89 call sites to Lanes512 in the old FillLanes), which
    /// cost more than the arithmetic. Each stage now inlines everything it uses. The operations and their order are
    /// those of the one-method version, so the bits are the same.
    /// </remarks>
    private static int FillLanes<L, TD, TU>(int start, int end, long firstPath, int year, in Kernel k, ReturnBlock dest)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        // The whole vectors this call maps; the caller's scalar twin takes the rest.
        int vectorEnd = start + (end - start) / L.Count * L.Count;
        uint normalsWord = CounterLayout.YearStreamWord(year, RandomStreams.AssetNormals);
        for (int j = 0; j < k.Normals; j++)
        {
            double[] target = j switch { 0 => dest.Inflation, 1 => dest.Stocks, 2 => dest.Bonds, 3 => dest.Cash, _ => dest.Reits };
            LaneDraws.FillPathPairs<L, TD, TU>(start, vectorEnd, firstPath, normalsWord, (uint)j, k.Key,
                ref MemoryMarshal.GetArrayDataReference(target));
        }

        uint chiWord = CounterLayout.YearStreamWord(year, RandomStreams.ChiSquare);
        return k.StudentT
            ? Map<L, TD, TU, StudentTScale>(start, vectorEnd, firstPath, chiWord, k, dest)
            : Map<L, TD, TU, NoScale>(start, vectorEnd, firstPath, chiWord, k, dest);
    }

    /// <summary>Stage 2: Z = L·ε (each row summed left to right, scaled for Student-t), the returns and inflation, in
    /// place. A component is computed only when it is drawn; the others are constant.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Map<L, TD, TU, TScale>(int start, int end, long firstPath, uint chiWord, in Kernel k, ReturnBlock dest)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
        where TScale : struct, IScale
    {
        ref double stocks = ref MemoryMarshal.GetArrayDataReference(dest.Stocks);
        ref double bonds = ref MemoryMarshal.GetArrayDataReference(dest.Bonds);
        ref double cash = ref MemoryMarshal.GetArrayDataReference(dest.Cash);
        ref double reits = ref MemoryMarshal.GetArrayDataReference(dest.Reits);
        ref double inflation = ref MemoryMarshal.GetArrayDataReference(dest.Inflation);
        // Components that are not drawn are constant: splat once, store in the loop.
        TD stocksConstant = L.Splat(k.Stocks.Mean), bondsConstant = L.Splat(k.Bonds.Mean);
        TD cashConstant = L.Splat(k.Cash.Mean), reitsConstant = L.Splat(k.Reits.Mean);
        TD inflationConstant = L.Splat(Math.Max(k.InflationMean, MinInflation));
        TD zero = L.Splat(0.0);
        int i = start;
        for (; i <= end - L.Count; i += L.Count)
        {
            // This index's normals (only the ones drawn are read; a component needs ε_0..ε_d, all drawn).
            TD e0 = k.Normals > 0 ? L.Load(ref Unsafe.Add(ref inflation, i)) : zero;
            TD e1 = k.Normals > 1 ? L.Load(ref Unsafe.Add(ref stocks, i)) : zero;
            TD e2 = k.Normals > 2 ? L.Load(ref Unsafe.Add(ref bonds, i)) : zero;
            TD e3 = k.Normals > 3 ? L.Load(ref Unsafe.Add(ref cash, i)) : zero;
            TD e4 = k.Normals > 4 ? L.Load(ref Unsafe.Add(ref reits, i)) : zero;

            // Student-t scale, shared by the five components (1 and unused for lognormal).
            TD scale = TScale.Scale<L, TD, TU>(L.Sequence((ulong)(firstPath + i)), chiWord, k);

            if (k.DrawsInflation)
            {
                TD z0 = Scaled<L, TD, TU, TScale>(L.Mul(L.Splat(k.L00), e0), scale);
                // Inflation is normal, floored at MinInflation so that 1 + inflation > 0 and the index stays positive
                // (docs/model.md, "Inflation floor"); no shipped scenario reaches it.
                TD drawn = L.Add(L.Splat(k.InflationMean), L.Mul(L.Splat(k.InflationStdev), z0));
                L.Store(L.IfLess(drawn, L.Splat(MinInflation), L.Splat(MinInflation), drawn), ref Unsafe.Add(ref inflation, i));
            }
            else
            {
                L.Store(inflationConstant, ref Unsafe.Add(ref inflation, i));
            }

            if (k.DrawsStocks)
            {
                TD z1 = L.Add(L.Mul(L.Splat(k.L10), e0), L.Mul(L.Splat(k.L11), e1));
                L.Store(AssetReturn<L, TD, TU>(Scaled<L, TD, TU, TScale>(z1, scale), k.Stocks), ref Unsafe.Add(ref stocks, i));
            }
            else
            {
                L.Store(stocksConstant, ref Unsafe.Add(ref stocks, i));
            }

            if (k.DrawsBonds)
            {
                TD z2 = L.Add(L.Add(L.Mul(L.Splat(k.L20), e0), L.Mul(L.Splat(k.L21), e1)), L.Mul(L.Splat(k.L22), e2));
                L.Store(AssetReturn<L, TD, TU>(Scaled<L, TD, TU, TScale>(z2, scale), k.Bonds), ref Unsafe.Add(ref bonds, i));
            }
            else
            {
                L.Store(bondsConstant, ref Unsafe.Add(ref bonds, i));
            }

            if (k.DrawsCash)
            {
                TD z3 = L.Add(L.Add(L.Add(L.Mul(L.Splat(k.L30), e0), L.Mul(L.Splat(k.L31), e1)), L.Mul(L.Splat(k.L32), e2)),
                    L.Mul(L.Splat(k.L33), e3));
                L.Store(AssetReturn<L, TD, TU>(Scaled<L, TD, TU, TScale>(z3, scale), k.Cash), ref Unsafe.Add(ref cash, i));
            }
            else
            {
                L.Store(cashConstant, ref Unsafe.Add(ref cash, i));
            }

            if (k.DrawsReits)
            {
                TD z4 = L.Add(L.Add(L.Add(L.Add(L.Mul(L.Splat(k.L40), e0), L.Mul(L.Splat(k.L41), e1)), L.Mul(L.Splat(k.L42), e2)),
                    L.Mul(L.Splat(k.L43), e3)), L.Mul(L.Splat(k.L44), e4));
                L.Store(AssetReturn<L, TD, TU>(Scaled<L, TD, TU, TScale>(z4, scale), k.Reits), ref Unsafe.Add(ref reits, i));
            }
            else
            {
                L.Store(reitsConstant, ref Unsafe.Add(ref reits, i));
            }
        }

        return i;
    }

    /// <summary>The model's multiplier of Z: none for lognormal, sqrt((ν − 2)/W) for Student-t. A type parameter, so
    /// the lognormal stage has no call and no branch for it.</summary>
    private interface IScale
    {
        static abstract bool Enabled { get; }

        static abstract TD Scale<L, TD, TU>(TU paths, uint chiWord, in Kernel k)
            where L : struct, ILanes<TD, TU>
            where TD : struct
            where TU : struct;
    }

    private readonly struct NoScale : IScale
    {
        public static bool Enabled => false;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TD Scale<L, TD, TU>(TU paths, uint chiWord, in Kernel k)
            where L : struct, ILanes<TD, TU>
            where TD : struct
            where TU : struct => L.Splat(1.0);
    }

    private readonly struct StudentTScale : IScale
    {
        public static bool Enabled => true;

        /// <summary>sqrt((ν − 2)/W) with W the path-year's chi-square draw, out of line (its rejection loop is large).</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static TD Scale<L, TD, TU>(TU paths, uint chiWord, in Kernel k)
            where L : struct, ILanes<TD, TU>
            where TD : struct
            where TU : struct
        {
            TD w = ChiSquareDraws.Draw<L, TD, TU>(paths, chiWord, k.Key, k.ChiSquare);
            return L.Sqrt(L.Div(L.Splat(k.ChiSquare.DegreesOfFreedom - 2.0), w));
        }
    }

    /// <summary>
    /// Lowest inflation a draw of the lognormal and Student-t models gives: −99% in one year, so 1 + inflation ≥ 0.01
    /// and the price index stays positive. A normal draw has no lower bound, and at the largest allowed deviation
    /// (0.5) about 2% of draws fell at or below −100%, which made the index zero or negative and real balances
    /// negative (issue 13, item 11). The floor sits where no shipped scenario reaches (a floor at −50% changed the
    /// Student-t stress case's numbers), so it guards positivity without changing any shipped result.
    /// </summary>
    public const double MinInflation = -0.99;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TD Scaled<L, TD, TU, TScale>(TD z, TD scale)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
        where TScale : struct, IScale => TScale.Enabled ? L.Mul(z, scale) : z;

    /// <summary>r = e^(m + s·z) − 1, or exactly the mean when σ = 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TD AssetReturn<L, TD, TU>(TD z, in LognormalParameters a)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct =>
        a.IsConstant
            ? L.Splat(a.Mean)
            : L.Sub(VMath.Exp<L, TD, TU>(L.Add(L.Splat(a.M), L.Mul(L.Splat(a.S), z))), L.Splat(1.0));

    /// <summary>Everything the kernel needs, flattened into one immutable value. The factor is in
    /// <see cref="CorrelationFactor.DrawOrder"/>: row 0 inflation, 1 stocks, 2 bonds, 3 cash, 4 REITs.</summary>
    private readonly struct Kernel
    {
        public Kernel(double[,] l, ReturnDemand demand, LognormalParameters stocks, LognormalParameters bonds,
            LognormalParameters cash, LognormalParameters reits, MeanStdev inflation, bool studentT,
            ChiSquareParameters chiSquare, PhiloxKey key)
        {
            L00 = l[0, 0];
            L10 = l[1, 0]; L11 = l[1, 1];
            L20 = l[2, 0]; L21 = l[2, 1]; L22 = l[2, 2];
            L30 = l[3, 0]; L31 = l[3, 1]; L32 = l[3, 2]; L33 = l[3, 3];
            L40 = l[4, 0]; L41 = l[4, 1]; L42 = l[4, 2]; L43 = l[4, 3]; L44 = l[4, 4];
            Stocks = stocks;
            Bonds = bonds;
            Cash = cash;
            Reits = reits;
            InflationMean = inflation.Mean;
            InflationStdev = inflation.Stdev;
            StudentT = studentT;
            ChiSquare = chiSquare;
            Key = key;
            DrawsInflation = inflation.Stdev != 0;
            DrawsStocks = demand.Stocks && !stocks.IsConstant;
            DrawsBonds = demand.Bonds && !bonds.IsConstant;
            DrawsCash = demand.Cash && !cash.IsConstant;
            DrawsReits = demand.Reits && !reits.IsConstant;
            // Draw d needs normals ε_0..ε_d: the count is one past the last component drawn.
            Normals = DrawsReits ? 5 : DrawsCash ? 4 : DrawsBonds ? 3 : DrawsStocks ? 2 : DrawsInflation ? 1 : 0;
        }

        public readonly double L00, L10, L11, L20, L21, L22, L30, L31, L32, L33, L40, L41, L42, L43, L44;
        public readonly LognormalParameters Stocks, Bonds, Cash, Reits;
        public readonly double InflationMean, InflationStdev;
        public readonly bool StudentT;
        public readonly ChiSquareParameters ChiSquare;
        public readonly PhiloxKey Key;
        public readonly bool DrawsInflation, DrawsStocks, DrawsBonds, DrawsCash, DrawsReits;
        public readonly int Normals;
    }
}
