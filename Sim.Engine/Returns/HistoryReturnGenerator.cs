using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Sim.Engine.Random;
using Sim.Engine.Scenarios;
using Sim.Engine.Simd;

namespace Sim.Engine.Returns;

/// <summary>
/// The <c>bootstrap</c> and <c>historical</c> models (spec 3, 12), which replay whole historical years (all assets
/// and inflation of one row together).
/// <list type="bullet">
/// <item><c>bootstrap</c>: with block length b, block k of a path covers simulated years k·b .. k·b + b − 1; its
/// start row s_k = floor(w·N / 2^32) with w word 0 of Philox block 0 of (seed, path, k, stream
/// <see cref="RandomStreams.Bootstrap"/>) (the year field holds k), and year y = k·b + o reads row (s_k + o) mod N:
/// blocks wrap from the last year to the first, are laid end to end from the first simulated year and are cut at
/// the horizon. (The multiply-shift maps 2^32 words onto N rows with a bias below N/2^32, about 2·10^-8.)</item>
/// <item><c>historical</c>: path i is the window starting in the history's first year + i, so year y reads row
/// i + y; there are N − years + 1 paths and no randomness.</item>
/// </list>
/// Without a REIT column the REIT returns come from <see cref="ReitFill"/> (seeded, also in historical mode).
/// Shocks are applied last. The instance is immutable and Fill allocates nothing, so threads may share it.
/// </summary>
public sealed class HistoryReturnGenerator : IReturnGenerator
{
    private readonly MarketHistory _history;
    private readonly bool _bootstrap;
    private readonly int _blockLength;
    private readonly int _years;
    private readonly PhiloxKey _key;
    private readonly ReitFill? _reitFill;
    private readonly ShockPlan _shocks;

    internal HistoryReturnGenerator(Scenario scenario, MarketHistory history, SimdWidth width)
    {
        Scenarios.Returns r = scenario.Returns;
        _history = history;
        _bootstrap = r.Model == ReturnModelKind.Bootstrap;
        _years = scenario.Years;
        _key = PhiloxKey.FromSeed(scenario.Simulation.Seed);
        _shocks = new ShockPlan(scenario);
        Width = SimdWidths.Resolve(width);
        int n = history.Count;
        string reitNote = "";
        if (!history.HasReits)
        {
            _reitFill = new ReitFill(r, scenario.Simulation.Seed);
            reitNote = string.Create(CultureInfo.InvariantCulture,
                $" {history.Source} has no REIT series: REIT returns are drawn from the lognormal model (mean {r.Reits.Mean}, stdev {r.Reits.Stdev}) conditional on each year's stock return, with stock-REIT correlation {_reitFill.Rho} (seed {scenario.Simulation.Seed}).");
        }

        if (_bootstrap)
        {
            if (r.BlockLength < 1)
            {
                throw new ArgumentException($"blockLength must be at least 1 (it is {r.BlockLength})");
            }

            _blockLength = r.BlockLength;
            PathCount = scenario.Simulation.Paths;
            Notes = string.Create(CultureInfo.InvariantCulture,
                $"bootstrap returns: whole years drawn with replacement from {history.Source} ({history.FirstYear}-{history.LastYear}, {n} years) in circular blocks of {_blockLength} year(s); Philox4x32-10, seed {scenario.Simulation.Seed}.{reitNote}{ShockNotes.Describe(_shocks)}");
        }
        else
        {
            if (_years > n)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"historical model: the horizon of {_years} years ({scenario.FirstYear}-{scenario.LastYear}) is longer than the history {history.Source} ({n} years, {history.FirstYear}-{history.LastYear})"));
            }

            PathCount = n - _years + 1;
            Notes = string.Create(CultureInfo.InvariantCulture,
                $"historical returns: {PathCount} rolling windows of {_years} years from {history.Source}, starting {history.FirstYear} through {history.FirstYear + PathCount - 1} (one path each; the scenario's path count is ignored).{reitNote}{ShockNotes.Describe(_shocks)}");
        }
    }

    /// <summary>The vector width Fill uses (never Auto).</summary>
    public SimdWidth Width { get; }

    public long PathCount { get; }

    public string Notes { get; }

    /// <summary>The history the rows come from.</summary>
    public MarketHistory History => _history;

    public void Fill(int yearIndex, long firstPath, int count, ReturnBlock destination)
    {
        FillArguments.Check(yearIndex, _years, firstPath, count, PathCount, destination);
        if (_bootstrap)
        {
            int block = yearIndex / _blockLength;
            int offset = yearIndex % _blockLength;
            var range = new BootstrapRange(this, firstPath, block, offset, destination, stackalloc ulong[8]);
            WidthDriver.RunRange(Width, count, ref range);
        }
        else
        {
            for (int i = 0; i < count; i++)
            {
                Copy((int)(firstPath + i) + yearIndex, i, destination);
            }
        }

        _reitFill?.Fill(yearIndex, firstPath, count, destination.Stocks, destination.Reits, Width);
        _shocks.Apply(yearIndex, count, destination);
    }

    /// <summary>The history row that path <paramref name="path"/> uses in year <paramref name="yearIndex"/>.</summary>
    public int RowOf(long path, int yearIndex)
    {
        if (!_bootstrap)
        {
            return (int)path + yearIndex;
        }

        int block = yearIndex / _blockLength;
        var words = Philox4x32.Compute(CounterLayout.Counter(path, block, RandomStreams.Bootstrap, 0), _key.Key0, _key.Key1);
        return (int)((StartRow(words.W0, _history.Count) + (ulong)(yearIndex % _blockLength)) % (ulong)_history.Count);
    }

    private static ulong StartRow(ulong word, int rows) => (word * (ulong)rows) >> 32;

    private void Copy(int row, int i, ReturnBlock destination)
    {
        destination.Stocks[i] = _history.StocksArray[row];
        destination.Bonds[i] = _history.BondsArray[row];
        destination.Cash[i] = _history.CashArray[row];
        destination.Inflation[i] = _history.InflationArray[row];
        if (_history.ReitsArray is { } reits)
        {
            destination.Reits[i] = reits[row];
        }
    }

    /// <summary>The bootstrap fill as a range for <see cref="WidthDriver"/>.</summary>
    private readonly ref struct BootstrapRange(HistoryReturnGenerator g, long firstPath, int block, int offset,
        ReturnBlock destination, Span<ulong> lanes) : ILaneRange
    {
        private readonly Span<ulong> _lanes = lanes;

        public int Run<L, TD, TU>(int start, int end)
            where L : struct, ILanes<TD, TU>
            where TD : struct
            where TU : struct => g.Bootstrap<L, TD, TU>(start, end, firstPath, block, offset, destination, _lanes);
    }

    private int Bootstrap<L, TD, TU>(int start, int end, long firstPath, int block, int offset, ReturnBlock destination,
        Span<ulong> lanes)
        where L : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct
    {
        uint word = CounterLayout.YearStreamWord(block, RandomStreams.Bootstrap);
        ulong rows = (ulong)_history.Count;
        ref ulong lane0 = ref MemoryMarshal.GetReference(lanes);
        int i = start;
        for (; i <= end - L.Count; i += L.Count)
        {
            TU paths = L.Sequence((ulong)(firstPath + i));
            LaneDraws.Words<L, TD, TU>(paths, word, 0, _key, out TU w0, out _, out _, out _);
            L.StoreU(w0, ref lane0);
            for (int lane = 0; lane < L.Count; lane++)
            {
                Copy((int)((StartRow(lanes[lane], _history.Count) + (ulong)offset) % rows), i + lane, destination);
            }
        }

        return i;
    }
}
