using Sim.Engine.Analysis;
using Sim.Engine.Simulation;
using Xunit.Abstractions;
using static Sim.Tests.Analysis.AnalysisScenarios;

namespace Sim.Tests.Analysis;

public class ComparisonFacts(ITestOutputHelper output)
{
    [Fact]
    public void AScenarioComparedWithItself_HasEveryDifferenceExactlyZero_AndZeroStandardErrors()
    {
        var s = Shipped("baseline");
        var r = Comparison.Compare([s, s], [Options(500), Options(500)]);

        var pair = Assert.Single(r.Pairs);
        Assert.Equal(r.Success[0], r.Success[1]);
        Assert.Equal(0.0, pair.SuccessDifference);
        Assert.Equal(0.0, pair.SuccessDifferenceStandardError);
        Assert.Equal(0.0, pair.ShareBAhead);
        Assert.Equal(1.0, pair.ShareTied);
        Assert.Equal(r.Years.Length * Metrics.Count * DifferenceStatistics.Count, pair.Statistics.Length);
        foreach (double v in pair.Statistics)
        {
            Assert.Equal(0.0, v);
        }
    }

    [Fact]
    public void BaselineVersusRoth_PairedStandardErrorOfTheSuccessDifference_IsSmallerThanTheUnpairedOne()
    {
        var a = Shipped("baseline");
        var b = Shipped("roth-401k");
        var r = Comparison.Compare([a, b], [Options(4000), Options(4000)]);
        var pair = r.Pairs[0];
        output.WriteLine($"success {r.Success[0]:0.0000} vs {r.Success[1]:0.0000}; difference {pair.SuccessDifference:0.0000}; " +
                         $"paired SE {pair.SuccessDifferenceStandardError:0.00000}; unpaired SE {pair.SuccessDifferenceUnpairedStandardError:0.00000}; " +
                         $"B ahead on {pair.ShareBAhead:P1}");

        Assert.True(pair.SuccessDifferenceStandardError < pair.SuccessDifferenceUnpairedStandardError,
            $"paired {pair.SuccessDifferenceStandardError} vs unpaired {pair.SuccessDifferenceUnpairedStandardError}");
        // Same deferrals, same gross withdrawals (the 4% rule is gross of tax): the same paths fail in both, so the
        // paired difference is exactly 0 on every path while two independent runs would differ by about 0.8 points.
        Assert.True(pair.SuccessDifferenceUnpairedStandardError > 0.005);
        // Each scenario's success is its own run's figure, and the per-path success read from the terminal balance
        // agrees with it exactly.
        Assert.Equal(Success(a, 4000, 1), r.Success[0]);
        Assert.Equal(Success(b, 4000, 1), r.Success[1]);
        Assert.Equal(r.Success[1] - r.Success[0], pair.SuccessDifference);
    }

    [Fact]
    public void ASmallSpendingChange_HasAPairedStandardErrorFarBelowTheUnpairedOne()
    {
        var a = Shipped("baseline");
        var b = a with { Withdrawals = a.Withdrawals.WithInitialRate(0.041) };
        var pair = Comparison.Compare([a, b], [Options(4000), Options(4000)]).Pairs[0];
        output.WriteLine($"difference {pair.SuccessDifference:0.0000}; paired SE {pair.SuccessDifferenceStandardError:0.00000}; " +
                         $"unpaired SE {pair.SuccessDifferenceUnpairedStandardError:0.00000}");

        Assert.True(pair.SuccessDifference < 0);
        Assert.True(pair.SuccessDifferenceStandardError > 0);
        Assert.True(pair.SuccessDifferenceStandardError < pair.SuccessDifferenceUnpairedStandardError / 2);
        // Only paths that fail at 4.1% and not at 4% differ: d ∈ {−1, 0}, so var(d) = q(1 − q) with q = |difference|.
        double q = -pair.SuccessDifference;
        Assert.Equal(Math.Sqrt(q * (1 - q) / 4000), pair.SuccessDifferenceStandardError, 12);
    }

    [Fact]
    public void TheMedianDifference_OfAScenarioThatSpendsMore_IsNegativeAfterRetirement_AndTheMeanHasItsStandardError()
    {
        var a = Shipped("baseline");
        var b = a with { Withdrawals = a.Withdrawals.WithInitialRate(0.05) };
        var r = Comparison.Compare([a, b], [Options(1000), Options(1000)]);
        var pair = r.Pairs[0];
        int age70 = Array.IndexOf(r.Ages, 70), age60 = Array.IndexOf(r.Ages, 60);
        int median = DifferenceStatistics.Levels.ToList().IndexOf(50);

        Assert.Equal(0.0, pair.Statistics[(int)Metric.BalanceReal, age60, median]); // same life before retirement
        Assert.True(pair.Statistics[(int)Metric.BalanceReal, age70, median] < 0);
        Assert.True(pair.Statistics[(int)Metric.Withdrawals, age70, DifferenceStatistics.Mean] > 0);
        Assert.True(pair.Statistics[(int)Metric.Withdrawals, age70, DifferenceStatistics.MeanStandardError] > 0);
        Assert.True(pair.ShareBAhead < 0.5);
    }

    [Fact]
    public void AStrategyThatCannotFail_CountsEveryPathAsASuccess_InThePairedDifference()
    {
        var a = Shipped("baseline");
        var b = a with { Withdrawals = a.Withdrawals with { Strategy = new Sim.Engine.Scenarios.PercentOfBalanceStrategy { Rate = 0.04 } } };
        var r = Comparison.Compare([a, b], [Options(1000), Options(1000)]);
        Assert.Equal(1.0, r.Success[1]);
        Assert.Equal(r.Success[1] - r.Success[0], r.Pairs[0].SuccessDifference, 12);
        // d is 1 on the failing paths of A and 0 elsewhere: var(d) = q(1 − q) with q = A's failure share.
        double q = 1 - r.Success[0];
        Assert.Equal(Math.Sqrt(q * (1 - q) / 1000), r.Pairs[0].SuccessDifferenceStandardError, 12);
    }

    [Fact]
    public void ScenariosOverDifferentYears_AreRefused_WithTheYearsOfEach()
    {
        var a = Shipped("baseline");
        var b = a with { Participant = a.Participant with { EndAge = 90 } };
        var e = Assert.Throws<ArgumentException>(() => Comparison.Compare([a, b], [Options(10), Options(10)]));
        Assert.Contains("2026-2086", e.Message, StringComparison.Ordinal);
        Assert.Contains("2026-2081", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThreeScenarios_CompareTheSecondAndThirdWithTheFirst()
    {
        var a = Shipped("baseline");
        var r = Comparison.Compare([a, Shipped("roth-401k"), a], [Options(200), Options(200), Options(200)]);
        Assert.Equal(2, r.Pairs.Count);
        Assert.Equal((0, 1), (r.Pairs[0].A, r.Pairs[0].B));
        Assert.Equal((0, 2), (r.Pairs[1].A, r.Pairs[1].B));
        Assert.Equal(0.0, r.Pairs[1].SuccessDifferenceStandardError);
    }
}
