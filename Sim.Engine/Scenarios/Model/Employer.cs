namespace Sim.Engine.Scenarios;

/// <c>$.employer</c>: match, non-elective contribution and vesting of employer money (docs/model.md section 5).
public sealed record Employer
{
    /// <summary>"$1 for $2 up to 6%": the seeds' typical plan (a 6% deferral gets 3%).</summary>
    public static readonly IReadOnlyList<MatchTier> DefaultMatch = [new(0.5, 0.06)];

    /// <summary>Match tiers in increasing <see cref="MatchTier.UpTo"/>; <see cref="DefaultMatch"/> when absent, empty for no match.</summary>
    public IReadOnlyList<MatchTier> Match { get; init; } = DefaultMatch;
    /// <summary>Employer contribution as a share of plan compensation whatever the employee defers (e.g. 0.03 safe harbor); default 0.</summary>
    public double NonElective { get; init; }
    /// <summary>How employer money vests; immediate by default.</summary>
    public VestingSchedule Vesting { get; init; } = new();
    /// <summary>Whether non-elective (safe-harbor) money is vested at once whatever the schedule; default true.</summary>
    public bool SafeHarborVested { get; init; } = true;
}
