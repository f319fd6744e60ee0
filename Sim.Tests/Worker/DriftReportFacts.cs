using Sim.Worker.Jobs;

namespace Sim.Tests.Worker;

public sealed class DriftReportFacts : IDisposable
{
    private static readonly DateOnly Night = new(2026, 3, 10);
    private readonly ScratchFolder _root = new();

    public void Dispose() => _root.Dispose();

    private static DriftRow Previous(string scenario, string stress, double success, double median) => new()
    {
        Night = "2026-03-09", Scenario = scenario, Stress = stress, Status = StressCaseResult.Ok,
        SuccessProbability = success, MedianTerminalBalance = median,
    };

    [Fact]
    public void Compare_FlagsOnlyChangesAboveTheThresholds()
    {
        var previous = (new DateOnly(2026, 3, 9), (IReadOnlyList<DriftRow>)
        [
            Previous("a", "none", 0.900, 1_000_000), Previous("b", "none", 0.900, 1_000_000),
            Previous("c", "none", 0.900, 1_000_000), Previous("d", "none", 0.900, 1_000_000),
        ]);
        IReadOnlyList<StressCaseResult> tonight =
        [
            new("a", "none", "ok", 200, 0.905, 1_010_000), // +0.005 and +1%: under 0.01 and 2%
            new("b", "none", "ok", 200, 0.885, 1_000_000), // -0.015: over 0.01
            new("c", "none", "ok", 200, 0.900, 970_000),   // -3%: over 2%
            new("d", "none", "failed: boom", null, null, null),
            new("e", "none", "ok", 200, 0.5, 10),          // new case: nothing to compare
        ];

        var rows = DriftReport.Compare(Night, tonight, previous, 0.01, 0.02);

        Assert.Equal([false, true, true, true, false], rows.Select(r => r.Flagged));
        Assert.Equal(0.005, rows[0].SuccessProbabilityChange!.Value, 12);
        Assert.Equal(0.01, rows[0].MedianTerminalBalanceChange!.Value, 12);
        Assert.Equal(-0.015, rows[1].SuccessProbabilityChange!.Value, 12);
        Assert.Equal("success 90.0% -> 88.5% (-1.5 points, threshold 1.0 points)", rows[1].Reason);
        Assert.Equal(-0.03, rows[2].MedianTerminalBalanceChange!.Value, 12);
        Assert.Equal("median terminal balance, nominal dollars $1,000,000 -> $970,000 (-3.0%, threshold 2.0%)", rows[2].Reason);
        Assert.Equal("no result tonight: failed: boom", rows[3].Reason);
        Assert.Null(rows[4].PreviousNight);
        Assert.All(rows.Take(3), r => Assert.Equal("2026-03-09", r.PreviousNight));
        Assert.All(rows, r => Assert.Equal("2026-03-10", r.Night));
    }

    [Fact]
    public void Compare_NamesThePathsSeedAndEngineVersion_WhenTheyChangedWithTheNumbers()
    {
        var before = Previous("a", "none", 0.900, 1_000_000);
        before.Paths = 2_000;
        before.Seed = 1;
        before.EngineVersion = "0.0-old";
        var previous = (new DateOnly(2026, 3, 9), (IReadOnlyList<DriftRow>)[before]);

        var rows = DriftReport.Compare(Night, [new("a", "none", "ok", 3_000, 0.880, 1_000_000, Seed: 7)], previous, 0.01, 0.02);

        Assert.True(rows[0].Flagged);
        Assert.Equal($"paths changed 2,000 -> 3,000; seed changed 1 -> 7; engine version changed 0.0-old -> {Sim.Engine.EngineInfo.Version}; " +
                     "success 90.0% -> 88.0% (-2.0 points, threshold 1.0 points)", rows[0].Reason);
        Assert.Equal(7L, rows[0].Seed);
    }

    [Fact]
    public void Compare_OnTheFirstNight_FlagsNothingThatSucceeded()
    {
        var rows = DriftReport.Compare(Night, [new("a", "none", "ok", 200, 0.9, 1)], null, 0.01, 0.02);

        Assert.False(Assert.Single(rows).Flagged);
    }

    [Fact]
    public async Task DriftFile_RoundTrips_AndThePreviousNightIsTheLatestEarlierOne()
    {
        var nightly = _root.Combine("nightly");
        foreach (var night in new[] { "2026-03-01", "2026-03-07", "2026-03-12" })
        {
            var rows = DriftReport.Compare(DateOnly.Parse(night, System.Globalization.CultureInfo.InvariantCulture),
                [new("a", "none", "ok", 200, 0.9, 1_000_000)], null, 0.01, 0.02);
            await DriftReport.WriteAsync(Path.Combine(nightly, "date=" + night, DriftReport.FileName), rows, CancellationToken.None);
        }

        Directory.CreateDirectory(Path.Combine(nightly, "date=2026-03-09")); // a night that wrote no drift file

        Assert.Equal(new DateOnly(2026, 3, 7), DriftReport.FindPreviousNight(nightly, Night));
        Assert.Null(DriftReport.FindPreviousNight(nightly, new DateOnly(2026, 3, 1)));
        var read = await DriftReport.ReadAsync(Path.Combine(nightly, "date=2026-03-07", DriftReport.FileName), CancellationToken.None);
        var row = Assert.Single(read);
        Assert.Equal(("a", "none", 0.9, 1_000_000.0), (row.Scenario, row.Stress, row.SuccessProbability!.Value, row.MedianTerminalBalance!.Value));
        Assert.Empty(_root.Temporaries());
    }
}
