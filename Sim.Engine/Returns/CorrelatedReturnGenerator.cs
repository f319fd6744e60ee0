using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Sim.Engine.Random;
using Sim.Engine.Scenarios;
using Sim.Engine.Simd;

namespace Sim.Engine.Returns;

/// <summary>
/// The <c>lognormal</c> and <c>studentT</c> models (spec 3, 12). For path p and year y: five standard normals
/// ε_0..ε_4 from stream <see cref="RandomStreams.AssetNormals"/> (Philox blocks 0, 1, 2 of (seed, p, y)); Z = L·ε
/// with L the Cholesky factor of the correlation matrix; for studentT, Z is multiplied by sqrt((ν − 2)/W) with one
/// chi-square(ν) draw W per path-year (stream <see cref="RandomStreams.ChiSquare"/>) shared by all five
/// components, which gives a multivariate t with unit variances and the same correlations; then
/// r_k = e^(m_k + s_k·Z_k) − 1 for the four assets (exactly μ_k when σ_k = 0) and inflation = mean + sd·Z_4.
/// </summary>
/// <remarks>
/// Fill keeps every intermediate in registers, one vector of paths at a time: no scratch memory, no allocation,
/// and the instance is immutable, so any number of threads may call Fill concurrently for different blocks.
/// </remarks>
public sealed class CorrelatedReturnGenerator : IReturnGenerator
{
    private readonly Kernel _kernel;
    private readonly ShockPlan _shocks;
    private readonly int _years;

    internal CorrelatedReturnGenerator(Scenario scenario, SimdWidth width)
    {
        Scenarios.Returns r = scenario.Returns;
        Width = SimdWidths.Resolve(width);
        PathCount = scenario.Simulation.Paths;
        _years = scenario.Years;
        _shocks = new ShockPlan(scenario);
        bool studentT = r.Model == ReturnModelKind.StudentT;
        _kernel = new Kernel(CorrelationFactor.Compute(r.Correlation),
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

    public long PathCount { get; }

    public string Notes { get; }

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

    private static int FillLanes<L, TD, TU>(int start, int end, long firstPath, int year, in Kernel k, ReturnBlock dest)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        uint normalsWord = CounterLayout.YearStreamWord(year, RandomStreams.AssetNormals);
        uint chiWord = CounterLayout.YearStreamWord(year, RandomStreams.ChiSquare);
        ref double stocks = ref MemoryMarshal.GetArrayDataReference(dest.Stocks);
        ref double bonds = ref MemoryMarshal.GetArrayDataReference(dest.Bonds);
        ref double cash = ref MemoryMarshal.GetArrayDataReference(dest.Cash);
        ref double reits = ref MemoryMarshal.GetArrayDataReference(dest.Reits);
        ref double inflation = ref MemoryMarshal.GetArrayDataReference(dest.Inflation);
        int i = start;
        for (; i <= end - L.Count; i += L.Count)
        {
            TU paths = L.Sequence((ulong)(firstPath + i));
            LaneDraws.NormalPair<L, TD, TU>(paths, normalsWord, 0, k.Key, out TD e0, out TD e1);
            LaneDraws.NormalPair<L, TD, TU>(paths, normalsWord, 1, k.Key, out TD e2, out TD e3);
            LaneDraws.NormalPair<L, TD, TU>(paths, normalsWord, 2, k.Key, out TD e4, out _);

            // Z = L·ε, each row summed left to right.
            TD z0 = L.Mul(L.Splat(k.L00), e0);
            TD z1 = L.Add(L.Mul(L.Splat(k.L10), e0), L.Mul(L.Splat(k.L11), e1));
            TD z2 = L.Add(L.Add(L.Mul(L.Splat(k.L20), e0), L.Mul(L.Splat(k.L21), e1)), L.Mul(L.Splat(k.L22), e2));
            TD z3 = L.Add(L.Add(L.Add(L.Mul(L.Splat(k.L30), e0), L.Mul(L.Splat(k.L31), e1)), L.Mul(L.Splat(k.L32), e2)),
                L.Mul(L.Splat(k.L33), e3));
            TD z4 = L.Add(L.Add(L.Add(L.Add(L.Mul(L.Splat(k.L40), e0), L.Mul(L.Splat(k.L41), e1)), L.Mul(L.Splat(k.L42), e2)),
                L.Mul(L.Splat(k.L43), e3)), L.Mul(L.Splat(k.L44), e4));

            if (k.StudentT)
            {
                TD w = ChiSquareDraws.Draw<L, TD, TU>(paths, chiWord, k.Key, k.ChiSquare);
                TD scale = L.Sqrt(L.Div(L.Splat(k.ChiSquare.DegreesOfFreedom - 2.0), w));
                z0 = L.Mul(z0, scale);
                z1 = L.Mul(z1, scale);
                z2 = L.Mul(z2, scale);
                z3 = L.Mul(z3, scale);
                z4 = L.Mul(z4, scale);
            }

            L.Store(AssetReturn<L, TD, TU>(z0, k.Stocks), ref Unsafe.Add(ref stocks, i));
            L.Store(AssetReturn<L, TD, TU>(z1, k.Bonds), ref Unsafe.Add(ref bonds, i));
            L.Store(AssetReturn<L, TD, TU>(z2, k.Cash), ref Unsafe.Add(ref cash, i));
            L.Store(AssetReturn<L, TD, TU>(z3, k.Reits), ref Unsafe.Add(ref reits, i));
            // Inflation is normal, floored at MinInflation so that 1 + inflation > 0 and the index stays positive
            // (docs/model.md, "Inflation floor"); no shipped scenario reaches it.
            TD drawn = L.Add(L.Splat(k.InflationMean), L.Mul(L.Splat(k.InflationStdev), z4));
            L.Store(L.IfLess(drawn, L.Splat(MinInflation), L.Splat(MinInflation), drawn), ref Unsafe.Add(ref inflation, i));
        }

        return i;
    }

    /// <summary>
    /// Lowest inflation a draw of the lognormal and Student-t models gives: −99% in one year, so 1 + inflation ≥ 0.01
    /// and the price index stays positive. A normal draw has no lower bound, and at the largest allowed deviation
    /// (0.5) about 2% of draws fell at or below −100%, which made the index zero or negative and real balances
    /// negative (issue 13, item 11). The floor sits where no shipped scenario reaches (a floor at −50% changed the
    /// Student-t stress case's numbers), so it guards positivity without changing any shipped result.
    /// </summary>
    public const double MinInflation = -0.99;

    /// <summary>r = e^(m + s·z) − 1, or exactly the mean when σ = 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TD AssetReturn<L, TD, TU>(TD z, in LognormalParameters a)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct =>
        a.IsConstant
            ? L.Splat(a.Mean)
            : L.Sub(VMath.Exp<L, TD, TU>(L.Add(L.Splat(a.M), L.Mul(L.Splat(a.S), z))), L.Splat(1.0));

    /// <summary>Everything the kernel needs, flattened into one immutable value.</summary>
    private readonly struct Kernel
    {
        public Kernel(double[,] l, LognormalParameters stocks, LognormalParameters bonds, LognormalParameters cash,
            LognormalParameters reits, MeanStdev inflation, bool studentT, ChiSquareParameters chiSquare, PhiloxKey key)
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
        }

        public readonly double L00, L10, L11, L20, L21, L22, L30, L31, L32, L33, L40, L41, L42, L43, L44;
        public readonly LognormalParameters Stocks, Bonds, Cash, Reits;
        public readonly double InflationMean, InflationStdev;
        public readonly bool StudentT;
        public readonly ChiSquareParameters ChiSquare;
        public readonly PhiloxKey Key;
    }
}
