using Sim.Engine.Scenarios;
using Sim.Engine.Simd;
using Sim.Engine.Simulation.Policies;

namespace Sim.Engine.Simulation;

/// <summary>
/// One year of docs/model.md section 2 for a block of paths. Three phases:
/// <list type="bullet">
/// <item>A (vectorized, PathKernel.PortfolioReturn.cs): the portfolio return R = Σ w_k r_k for this year's weights,
/// computed in phase C's lanes (only phase C reads it).</item>
/// <item>B (PathKernel.Distribution.cs and .FastDistribution.cs): distributions (RMD, the strategy's target through
/// its policy, source order, taxes and the 10% additional tax, failure) and loan events (PathKernel.Loans.cs).
/// Skipped as a whole in years that have none.</item>
/// <item>C (vectorized, PathKernel.Growth.cs): growth by (1 + R), the expense ratio, end-of-year contributions,
/// forfeiture, the inflation index, and the year's metrics.</item>
/// </list>
/// Vectorized loops are written once over <see cref="ILanes{TD, TU}"/> and run by <see cref="WidthDriver"/>; each lane
/// is one path, lanes never interact, and every lane executes the same IEEE operations in the same order as the
/// scalar twin (<see cref="Lanes1"/>), so all widths give identical numbers.
/// </summary>
internal sealed partial class PathKernel
{
    private readonly Scenario _scenario;
    private readonly Withdrawals _withdrawals;
    private readonly SimdWidth _width;
    private readonly double _otherIncome;
    private readonly bool _hasLoans;
    /// <summary>Forces the per-path distribution phase everywhere (tests compare it with the fast path).</summary>
    private readonly bool _scalarDistribution;
    /// <summary>False when no Roth money ever exists on any path: the Roth state and metric are then skipped.</summary>
    private readonly bool _hasRoth;
    /// <summary>The withdrawal strategy's policy, bound once: phase B's one virtual call per block and year.</summary>
    private readonly DistributionRunner _runner;
    /// <summary>What separation does to the balance (docs/model.md section 13), applied per path in the separation year.</summary>
    private readonly ISeparationAction _separation;

    public PathKernel(Scenario scenario, IReadOnlyList<YearPlan> plan, SimdWidth width, bool scalarDistribution = false)
    {
        _scenario = scenario;
        _withdrawals = scenario.Withdrawals;
        _otherIncome = scenario.Taxes.OtherIncome;
        _hasLoans = scenario.Loans.Count > 0;
        _scalarDistribution = scalarDistribution;
        _hasRoth = scenario.Account.RothBalance > 0 || plan.Any(y => y.EmployeeRoth > 0);
        _width = SimdWidths.Resolve(width);
        _runner = WithdrawalPolicies.Runner(scenario.Withdrawals);
        _separation = SeparationActions.Create(ScenarioEnumNames.ToJson(scenario.Separation.Action));
    }

    public SimdWidth Width => _width;

    /// <summary>Opening balances of startYear (docs/model.md section 1: already retired → the employer balance counts as vested).</summary>
    /// <remarks><paramref name="st"/> must be new (its arrays all zero).</remarks>
    public void Initialize(PathState st, int start, int count)
    {
        var a = _scenario.Account;
        bool retired = Milestones.Of(_scenario).RetiredAtStart;
        st.Pretax.AsSpan(start, count).Fill(a.PretaxBalance);
        st.Employer.AsSpan(start, count).Fill(retired ? 0 : a.EmployerBalance);
        st.Roth.AsSpan(start, count).Fill(a.RothBalance);
        st.RothBasis.AsSpan(start, count).Fill(a.RothBasis ?? a.RothBalance);
        st.Index.AsSpan(start, count).Fill(1.0);
        // Every other array starts at zero, as a new PathState's arrays are: no loan, no failure, no deferred RMD, no
        // taxes yet. Not written here, so that a run without loans never touches (faults in) the loan arrays' memory.
    }

    /// <summary>
    /// Which metrics are the same on every path this year (set on <paramref name="m"/> before any block runs; the
    /// kernel does not store those per path). The rules themselves live with the metric definitions
    /// (<see cref="Metrics.Definitions"/>).
    /// </summary>
    public void SetYearConstants(YearPlan y, YearMetrics m) =>
        Metrics.SetYearConstants(new MetricYear(y, Distributes(y), _hasLoans, _hasRoth), m);

    private static bool Distributes(YearPlan y) => !y.Employed || y.InService || y.RmdDivisor > 0;

    /// <summary>Runs year <paramref name="y"/> for paths [start, start + count) and writes their metrics. The
    /// block's returns must already be in <paramref name="scratch"/>.Returns.</summary>
    public StepCounts Step(YearPlan y, YearPlan? next, PathState st, BlockScratch scratch, int start, int count, YearMetrics m)
    {
        var counts = default(StepCounts);

        // Phase B (phase A, the portfolio return, is computed in phase C's lanes: nothing before reads it).
        bool distributes = Distributes(y);
        bool loanEvents = _hasLoans && y.LoanEvents;
        bool taxed = distributes || loanEvents || y.Income.Any;
        if (taxed)
        {
            _runner.Distribute(this, y, st, scratch, m, start, count, loanEvents, ref counts);
        }

        // Phase C.
        var k = new YearConstants(y, y.Weights, y.ExpenseRatio, taxed, _hasLoans, _hasRoth, PreviousRead(next), m);
        Grow(k, st, scratch, m, start, count);
        return counts;
    }

    /// <summary>Last year's inflation and portfolio return are read only by a following distribution year, and only
    /// those its policy carries (<see cref="PolicySlots.PreviousInflation"/>, <see cref="PolicySlots.PreviousReturn"/>:
    /// spendingNeed, percentOfBalance and rmdOnly read neither).</summary>
    private PolicySlots PreviousRead(YearPlan? next) => next is not null && Distributes(next)
        ? _runner.Slots & (PolicySlots.PreviousInflation | PolicySlots.PreviousReturn)
        : PolicySlots.None;
}
