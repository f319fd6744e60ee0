using Sim.Engine.Returns;
using Sim.Engine.Scenarios;

namespace Sim.Tests.Returns;

public class ShockFacts
{
    private const int Paths = 38; // the historical model has 38 windows here

    private static (ReturnBlock Plain, ReturnBlock Shocked) Year(Scenario plain, IReadOnlyList<Shock> shocks, int year)
    {
        Scenario shocked = plain with { Returns = plain.Returns with { Shocks = shocks } };
        return (TestScenarios.Fill(ReturnGenerators.Create(plain, null), year, 0, Paths),
            TestScenarios.Fill(ReturnGenerators.Create(shocked, null), year, 0, Paths));
    }

    [Theory]
    [InlineData(ReturnModelKind.Lognormal)]
    [InlineData(ReturnModelKind.StudentT)]
    [InlineData(ReturnModelKind.Bootstrap)]
    [InlineData(ReturnModelKind.Historical)]
    public void Shocks_PinReturnsInTheirYearOnly_ByAgeRetirementOffsetOrCalendarYear(ReturnModelKind model)
    {
        // Born 1991, retiring at 65: the first distribution year is 2056 = year index 30.
        Scenario plain = TestScenarios.With(model, Paths);
        Shock[] shocks =
        [
            new() { YearsAfterRetirement = 0, Stocks = -0.37, Reits = -0.38 },
            new() { Age = 40, Bonds = -0.10 },            // 2031 = index 5
            new() { Year = 2030, Cash = 0.0 },            // index 4
        ];
        foreach (var (year, check) in new (int, Action<ReturnBlock, ReturnBlock>)[]
        {
            (30, (p, s) => { AllEqual(-0.37, s.Stocks); AllEqual(-0.38, s.Reits); Assert.Equal(p.Bonds, s.Bonds); Assert.Equal(p.Inflation, s.Inflation); }),
            (5, (p, s) => { AllEqual(-0.10, s.Bonds); Assert.Equal(p.Stocks, s.Stocks); Assert.Equal(p.Cash, s.Cash); }),
            (4, (p, s) => { AllEqual(0.0, s.Cash); Assert.Equal(p.Bonds, s.Bonds); Assert.Equal(p.Reits, s.Reits); }),
            (29, (p, s) => AssertSame(p, s)),
            (31, (p, s) => AssertSame(p, s)),
            (6, (p, s) => AssertSame(p, s)),
        })
        {
            var (p, s) = Year(plain, shocks, year);
            check(p, s);
        }
    }

    [Fact]
    public void LaterShock_WinsForTheSameAssetAndYear()
    {
        Shock[] shocks =
        [
            new() { Year = 2040, Stocks = -0.2, Bonds = 0.01 },
            new() { Age = 49, Stocks = -0.4 }, // 1991 + 49 = 2040
        ];
        var (_, s) = Year(TestScenarios.With(ReturnModelKind.Lognormal, Paths), shocks, 14);
        AllEqual(-0.4, s.Stocks);
        AllEqual(0.01, s.Bonds);
    }

    [Fact]
    public void AlreadyRetiredAtStart_YearsAfterRetirementCountsFromStartYear_AndShocksOutsideTheHorizonHaveNoEffect()
    {
        // Born 1950, retired at 65 in 2015, simulated from 2026 (issue 9, F1): yearsAfterRetirement 0 is the first
        // simulated year, 2026 (it used to fall in 2015 and was silently dropped); 12 is 2038; 2200 is never reached.
        Scenario plain = TestScenarios.With(ReturnModelKind.Lognormal, Paths) with
        {
            Participant = new Participant { BirthYear = 1950, RetirementAge = 65 },
        };
        Shock[] shocks = [new() { YearsAfterRetirement = 0, Stocks = -0.3 }, new() { YearsAfterRetirement = 12, Bonds = 0.2 }, new() { Year = 2200, Bonds = 0.5 }];
        var (_, s0) = Year(plain, shocks, 0);
        AllEqual(-0.3, s0.Stocks);
        var (p1, s1) = Year(plain, shocks, 1);
        AssertSame(p1, s1);
        var (_, s12) = Year(plain, shocks, 12);
        AllEqual(0.2, s12.Bonds);
        var m = Milestones.Of(plain with { Returns = plain.Returns with { Shocks = shocks } });
        Assert.Equal(2026, m.ShockYear(shocks[0]));
        Assert.Equal(2038, m.ShockYear(shocks[1]));
    }

    [Fact]
    public void NotYetRetired_YearsAfterRetirementCountsFromTheRetirementYear()
    {
        var s = TestScenarios.With(ReturnModelKind.Lognormal, Paths) with
        {
            Participant = new Participant { BirthYear = 1970, RetirementAge = 62 },
        };
        var m = Milestones.Of(s);
        Assert.False(m.RetiredAtStart);
        Assert.Equal(2032, m.SeparationYear);
        Assert.Equal(2031, m.LastEmploymentYear);
        Assert.Equal(2032, m.FirstDistributionYear);
        Assert.Equal(2045, m.FirstRmdYear); // born 1970: applicable age 75
        Assert.Equal(2035, m.ShockYear(new Shock { YearsAfterRetirement = 3, Stocks = 0 }));
    }

    [Fact]
    public void Notes_MentionTheShocks()
    {
        Scenario s = TestScenarios.With(ReturnModelKind.Lognormal, Paths);
        s = s with { Returns = s.Returns with { Shocks = [new Shock { Year = 2030, Stocks = -0.3, Reits = -0.3 }] } };
        Assert.Contains("Stress shocks pin 2 asset-year return(s)", ReturnGenerators.Create(s, null).Notes, StringComparison.Ordinal);
    }

    private static void AllEqual(double expected, double[] values) => Assert.All(values.Take(Paths), v => Assert.Equal(expected, v));

    private static void AssertSame(ReturnBlock p, ReturnBlock s)
    {
        Assert.Equal(p.Stocks, s.Stocks);
        Assert.Equal(p.Bonds, s.Bonds);
        Assert.Equal(p.Cash, s.Cash);
        Assert.Equal(p.Reits, s.Reits);
        Assert.Equal(p.Inflation, s.Inflation);
    }
}
