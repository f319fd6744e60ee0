using Sim.Engine.Scenarios;

namespace Sim.Engine.Analysis;

/// <summary>One trial of a solve: the value tried and what it reached.</summary>
public sealed record SolveTrial(double Value, double Achieved, double Success, double MedianTerminalReal, bool Meets);

/// <summary>How a solve ended.</summary>
public enum SolveOutcome
{
    /// <summary>A value meets the target and one resolution step further does not.</summary>
    Found,

    /// <summary>Even the best end of the valid range meets the target: the answer is that end.</summary>
    WholeRangeMeets,

    /// <summary>No value in the valid range meets the target (a clear answer, not an error).</summary>
    NoValueMeets,
}

/// <summary>The answer to "what value of FIELD meets TARGET", with every trial in the order it ran.</summary>
public sealed record SolveResult
{
    /// <summary>The JSON field solved for (e.g. <c>withdrawals.initialRate</c>).</summary>
    public required string Field { get; init; }
    /// <summary>How the field's values read (rate, money, age).</summary>
    public required ValueKind Kind { get; init; }
    /// <summary>The grid step of the search, in the field's unit; the answer is a multiple of it.</summary>
    public required double Resolution { get; init; }
    /// <summary>Whether the largest or the smallest value meeting the target is sought.</summary>
    public required Best Best { get; init; }
    /// <summary>What the answer must meet.</summary>
    public required SolveTarget Target { get; init; }
    /// <summary>Found, the whole range meets the target, or no value does.</summary>
    public required SolveOutcome Outcome { get; init; }
    /// <summary>The answer; null when no value meets the target.</summary>
    public required double? Value { get; init; }
    /// <summary>The target's figure at the answer (or, when none meets it, at the easiest end of the range).</summary>
    public required double Achieved { get; init; }
    /// <summary>Success at the answer (or at the easiest end when none meets the target).</summary>
    public required double Success { get; init; }
    /// <summary>Monte Carlo standard error of <see cref="Success"/>: sqrt(p(1 − p)/n).</summary>
    public required double StandardError { get; init; }
    /// <summary>The value tried where the target stops being met (the answer's neighbour one step beyond), if tried.</summary>
    public required double? Beyond { get; init; }
    /// <summary>The low end of the field's valid range searched.</summary>
    public required double RangeMin { get; init; }
    /// <summary>The high end of the field's valid range searched.</summary>
    public required double RangeMax { get; init; }
    /// <summary>Paths of every trial.</summary>
    public required int Paths { get; init; }
    /// <summary>The seed of every trial (common random numbers).</summary>
    public required ulong Seed { get; init; }
    /// <summary>Every trial in the order it ran.</summary>
    public required IReadOnlyList<SolveTrial> Trials { get; init; }
}

/// <summary>
/// Bracketed bisection over a field's grid of resolution steps. Every trial uses the same seed and paths (common
/// random numbers), so each path's outcome is a fixed function of the input and the success count is a step
/// function of it; for a field whose effect is monotone on every path, "meets the target" is true on one side of a
/// grid point and false on the other, and bisection on the integer grid finds that point exactly (no noise between
/// trials to fool it). See docs/model.md, "Answers to advisors' questions".
/// </summary>
public static class Solver
{
    /// <summary>Solves <paramref name="field"/> for <paramref name="target"/>. Throws <see cref="ArgumentException"/>
    /// when the field does not apply to the scenario (the message says why).</summary>
    public static SolveResult Solve(Scenario scenario, SolveField field, SolveTarget target, AnalysisOptions options,
        IProgress<SolveTrial>? progress = null, CancellationToken cancellationToken = default)
    {
        if (field.NotApplicable(scenario) is { } why)
        {
            throw new ArgumentException($"{field.Name} does not apply: {why}", nameof(field));
        }

        var (min, max) = field.Range(scenario);
        long steps = (long)Math.Round((max - min) / field.Resolution);
        // Grid index t counts resolution steps from the easy end (where the target is easiest to meet) towards the
        // best end: value(t) = min + t·step for Largest, max − t·step for Smallest.
        double ValueAt(long t) => Snap(field.Best == Best.Largest ? min + (t * field.Resolution) : max - (t * field.Resolution),
            field.Resolution);

        var trials = new List<SolveTrial>();
        var byIndex = new Dictionary<long, SolveTrial>();
        int paths = 0;
        ulong seed = scenario.Simulation.EffectiveSeed(options.Seed);
        SolveTrial Try(long t)
        {
            if (byIndex.TryGetValue(t, out var known))
            {
                return known;
            }

            double v = ValueAt(t);
            var outcome = MonteCarlo.Evaluate(field.Set(scenario, v), options, cancellationToken);
            paths = outcome.Paths;
            var trial = new SolveTrial(v, target.Figure(outcome), outcome.Success, outcome.MedianTerminalReal, target.IsMet(outcome));
            trials.Add(trial);
            byIndex[t] = trial;
            progress?.Report(trial);
            return trial;
        }

        // First probe: the scenario's own value (on the grid), when it has one inside the range.
        long probe = field.Current(scenario) is { } current && current >= min && current <= max
            ? Math.Clamp((long)Math.Round((field.Best == Best.Largest ? current - min : max - current) / field.Resolution), 0, steps)
            : Math.Min(steps, DefaultProbe(field));

        long lo, hi; // lo meets, hi does not; hi = steps + 1 means "not found yet"
        if (Try(probe).Meets)
        {
            lo = probe;
            hi = steps + 1;
            while (hi > steps && lo < steps)
            {
                long next = Math.Min(steps, Math.Max(2 * lo, lo + 64));
                if (Try(next).Meets)
                {
                    lo = next;
                }
                else
                {
                    hi = next;
                }
            }
        }
        else
        {
            hi = probe;
            lo = 0;
            if (probe == 0 || !Try(0).Meets)
            {
                return Result(SolveOutcome.NoValueMeets, null, byIndex[0], null);
            }
        }

        while (hi - lo > 1 && hi <= steps)
        {
            long mid = lo + ((hi - lo) / 2);
            if (Try(mid).Meets)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        var answer = byIndex[lo];
        return hi > steps
            ? Result(SolveOutcome.WholeRangeMeets, answer.Value, answer, null)
            : Result(SolveOutcome.Found, answer.Value, answer, byIndex[hi].Value);

        SolveResult Result(SolveOutcome outcome, double? value, SolveTrial at, double? beyond) => new()
        {
            Field = field.Name,
            Kind = field.Kind,
            Resolution = field.Resolution,
            Best = field.Best,
            Target = target,
            Outcome = outcome,
            Value = value,
            Achieved = at.Achieved,
            Success = at.Success,
            StandardError = MonteCarlo.ProportionStandardError(at.Success, paths),
            Beyond = beyond,
            RangeMin = min,
            RangeMax = max,
            Paths = paths,
            Seed = seed,
            Trials = trials,
        };
    }

    /// <summary>Where to start when the scenario has no value of its own: $40,000 a year for money (the 4% rule on
    /// a million), the easy end otherwise.</summary>
    private static long DefaultProbe(SolveField field) => field.Kind == ValueKind.Money ? (long)(40_000 / field.Resolution) : 0;

    /// <summary>A grid value without binary noise: 0.06 stays 0.06, not 0.060000000000000005.</summary>
    public static double Snap(double value, double resolution)
    {
        return Math.Round(Math.Round(value / resolution) * resolution, 10);
    }
}
