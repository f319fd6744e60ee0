using Sim.Engine.Scenarios;

namespace Sim.Engine.Analysis;

/// <summary>
/// One input of the standard sensitivity list (spec 16) as a small named pair of setters: the scenario moved to the
/// input's low and high value. <see cref="SensitivityInputs"/> lists them; a new input is one entry there.
/// </summary>
/// <param name="Name">The JSON path of the input, e.g. <c>participant.retirementAge</c>.</param>
/// <param name="Label">How a person reads the change, e.g. "retirement age ±1 year".</param>
/// <param name="Kind">How its values read.</param>
/// <param name="Variants">Null when it does not apply to the scenario; else the current, low and high values and the
/// scenario at each end.</param>
public sealed record SensitivityInput(string Name, string Label, ValueKind Kind,
    Func<Scenario, SensitivityVariants?> Variants);

/// <summary>An input's value now, and the scenario at its low and high value.</summary>
/// <param name="Current">The input's value in the scenario as given, in the unit of <paramref name="Kind"/>.</param>
/// <param name="Low">The input's low value.</param>
/// <param name="LowScenario">The scenario with the input at <paramref name="Low"/>.</param>
/// <param name="High">The input's high value.</param>
/// <param name="HighScenario">The scenario with the input at <paramref name="High"/>.</param>
/// <param name="Field">The field actually moved when it differs from the input's name (spending moves
/// <c>withdrawals.amount</c>, <c>withdrawals.initialRate</c> or <c>withdrawals.rate</c>).</param>
/// <param name="Kind">How the moved field's values read, when it differs from the input's.</param>
public sealed record SensitivityVariants(double Current, double Low, Scenario LowScenario, double High, Scenario HighScenario,
    string? Field = null, ValueKind? Kind = null);

/// <summary>What one input does: success and median terminal real balance at its low and high value.</summary>
public sealed record SensitivityRow(string Input, string Field, string Label, ValueKind Kind, double Current, double Low, double High,
    TrialOutcome AtLow, TrialOutcome AtHigh)
{
    /// <summary>|success(high) − success(low)|: the tornado's sort key.</summary>
    public double Swing => Math.Abs(AtHigh.Success - AtLow.Success);
}

/// <summary>The scenario as given, and every applicable input, sorted by swing in success (largest first).</summary>
public sealed record SensitivityResult(string Scenario, TrialOutcome Base, int Paths, ulong Seed,
    IReadOnlyList<SensitivityRow> Rows, IReadOnlyList<string> Skipped);

/// <summary>The standard list of spec section 16.</summary>
public static class SensitivityInputs
{
    /// <summary>±1 percentage point of deferral and of stock mean; ±0.25 point of expense ratio; ±10% spending.</summary>
    public const double DeferralStep = 0.01, ExpenseRatioStep = 0.0025, StockMeanStep = 0.01, SpendingShare = 0.10;

    /// <summary>The inputs, in the spec's order. Social Security claim ages (±1 year each) join when the income
    /// section exists.</summary>
    public static IReadOnlyList<SensitivityInput> All { get; } =
    [
        new("contributions.deferralRate", "deferral rate ±1 point", ValueKind.Rate, s =>
        {
            if (!SolveFields.WorkYears(s))
            {
                return null;
            }

            double d = s.Contributions.DeferralRate;
            return Around(s, d, Math.Max(0, d - DeferralStep), Math.Min(1, d + DeferralStep),
                (x, v) => x with { Contributions = x.Contributions with { DeferralRate = v } });
        }),
        new("participant.retirementAge", "retirement age ±1 year", ValueKind.Age, s =>
        {
            int r = s.Participant.RetirementAge;
            if (!SolveFields.WorkYears(s) || r - 1 < SolveFields.EarliestRetirementAge(s) || r + 1 > s.Participant.EndAge)
            {
                return null;
            }

            return Around(s, r, r - 1, r + 1, (x, v) => x with { Participant = x.Participant with { RetirementAge = (int)v } });
        }),
        new("withdrawals.spending", "spending ±10%", ValueKind.Money, Spending),
        new("fees.expenseRatio", "expense ratio ±0.25 point", ValueKind.Rate, s =>
        {
            double e = s.Fees.ExpenseRatio;
            return Around(s, e, Math.Max(0, e - ExpenseRatioStep),
                Math.Min(Scenarios.Parsing.FeesSection.MaxExpenseRatio, e + ExpenseRatioStep),
                (x, v) => x with { Fees = x.Fees with { ExpenseRatio = v } });
        }),
        new("returns.stocks.mean", "stock mean return ±1 point", ValueKind.Rate, s =>
        {
            // Bootstrap and historical models draw stock returns from the history, not from the mean.
            if (s.Returns.Model is not (ReturnModelKind.Lognormal or ReturnModelKind.StudentT))
            {
                return null;
            }

            double m = s.Returns.Stocks.Mean;
            return Around(s, m, m - StockMeanStep, m + StockMeanStep,
                (x, v) => x with { Returns = x.Returns with { Stocks = x.Returns.Stocks with { Mean = v } } });
        }),
    ];

    /// <summary>The standard list for one scenario: <see cref="All"/> and, for each Social Security stream, its claim
    /// age ±1 year (held within 62 to 70).</summary>
    public static IReadOnlyList<SensitivityInput> For(Scenario scenario) =>
    [
        .. All,
        .. scenario.Income.Select((stream, i) => (stream, i)).Where(x => x.stream is SocialSecurityIncome).Select(x => ClaimAge(x.i)),
    ];

    /// <summary><c>income[i].claimAge</c> ±1 year.</summary>
    public static SensitivityInput ClaimAge(int i) => new($"income[{i}].claimAge", $"Social Security claim age ±1 year (income[{i}])",
        ValueKind.Age, s =>
        {
            if (SolveFields.SocialSecurity(s, i) is not { } ss)
            {
                return null;
            }

            double age = ss.FirstPaymentAgeMonths(SolveFields.OwnerBirthYear(s, ss)) / 12.0;
            return Around(s, age, Math.Max(SolveFields.EarliestClaimAge, age - 1), Math.Min(SolveFields.LatestClaimAge, age + 1),
                (x, v) => SolveFields.WithClaimAge(x, i, v));
        });

    /// <summary>Spending ±10%: the fixed amount when set, else the initial rate (fixedReal, guardrails), else the
    /// spendingNeed need, else the percentOfBalance rate; rmdOnly has no spending to move. The values are the field's own (dollars or rate).</summary>
    private static SensitivityVariants? Spending(Scenario s)
    {
        var w = s.Withdrawals;
        if (w.StartingTarget is { Amount: { } amount })
        {
            return Around(s, amount, amount * (1 - SpendingShare), amount * (1 + SpendingShare),
                (x, v) => x with { Withdrawals = x.Withdrawals.WithAmount(v) }) with { Field = "withdrawals.amount" };
        }

        if (w.StartingTarget is { } start)
        {
            double rate = start.InitialRate;
            return Around(s, rate, rate * (1 - SpendingShare), Math.Min(1, rate * (1 + SpendingShare)),
                (x, v) => x with { Withdrawals = x.Withdrawals.WithInitialRate(v) })
                with { Field = "withdrawals.initialRate", Kind = ValueKind.Rate };
        }

        if (w.Strategy is SpendingNeedStrategy need)
        {
            return Around(s, need.Need, need.Need * (1 - SpendingShare), need.Need * (1 + SpendingShare),
                (x, v) => x with { Withdrawals = x.Withdrawals with { Strategy = new SpendingNeedStrategy { Need = v } } })
                with { Field = "withdrawals.need" };
        }

        return w.Strategy is PercentOfBalanceStrategy p
            ? Around(s, p.Rate, p.Rate * (1 - SpendingShare), Math.Min(1, p.Rate * (1 + SpendingShare)),
                (x, v) => x with { Withdrawals = x.Withdrawals with { Strategy = new PercentOfBalanceStrategy { Rate = v } } })
                with { Field = "withdrawals.rate", Kind = ValueKind.Rate }
            : null;
    }

    private static SensitivityVariants Around(Scenario s, double current, double low, double high, Func<Scenario, double, Scenario> set) =>
        new(current, Math.Round(low, 10), set(s, Math.Round(low, 10)), Math.Round(high, 10), set(s, Math.Round(high, 10)));
}

/// <summary>Runs the standard list: the scenario once as given, then each applicable input at its low and high
/// value, every run with the same seed and paths.</summary>
public static class Sensitivity
{
    /// <summary>Runs the scenario and every applicable input at its low and high value.</summary>
    /// <param name="scenario">The scenario as given.</param>
    /// <param name="options">Paths, seed, threads and history shared by every run.</param>
    /// <param name="inputs">The inputs to move; null = the standard list for the scenario.</param>
    /// <param name="progress">Reports the share of runs done, 0..1.</param>
    /// <param name="cancellationToken">Stops between and inside runs.</param>
    /// <returns>One row per applicable input, in the order given.</returns>
    public static SensitivityResult Run(Scenario scenario, AnalysisOptions options, IReadOnlyList<SensitivityInput>? inputs = null,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        inputs ??= SensitivityInputs.For(scenario);
        var applicable = inputs.Select(i => (Input: i, Variants: i.Variants(scenario))).ToList();
        int total = 1 + (2 * applicable.Count(a => a.Variants is not null));
        int done = 0;
        TrialOutcome Evaluate(Scenario s)
        {
            var o = MonteCarlo.Evaluate(s, options, cancellationToken);
            progress?.Report(++done / (double)total);
            return o;
        }

        var baseOutcome = Evaluate(scenario);
        var rows = new List<SensitivityRow>();
        var skipped = new List<string>();
        foreach (var (input, v) in applicable)
        {
            if (v is null)
            {
                skipped.Add(input.Name);
                continue;
            }

            rows.Add(new SensitivityRow(input.Name, v.Field ?? input.Name, input.Label, v.Kind ?? input.Kind, v.Current, v.Low, v.High,
                Evaluate(v.LowScenario), Evaluate(v.HighScenario)));
        }

        // Largest swing first; ties keep the spec's order (a stable sort).
        var sorted = rows.OrderByDescending(r => r.Swing).ToList();
        return new SensitivityResult(scenario.Name, baseOutcome, baseOutcome.Paths, scenario.Simulation.EffectiveSeed(options.Seed),
            sorted, skipped);
    }
}
