using Sim.Engine.Scenarios;
using Sim.Worker.Scenarios;
using Sim.Engine.Simd;
using Sim.Engine.Simulation;
using static Sim.Tests.Scenarios.ScenarioTestSupport;

namespace Sim.Tests.Simulation;

/// <summary>
/// The throughput command's coverage table (<c>--coverage Sim.Bench/reference/coverage</c>): each file is a stress-style
/// overlay named <c>{scenario}+{variant}.json</c> on the shipped <c>scenarios/{scenario}.json</c>. They must keep
/// applying (a renamed field would silently drop a row), change what they say they change, and the configurations
/// the engine solves in lanes must stay there.
/// </summary>
public class CoverageScenarioFacts
{
    private static string Folder => Path.Combine(RepositoryRoot(), "Sim.Bench", "reference", "coverage");

    public static TheoryData<string> Files() =>
        [.. Directory.GetFiles(Folder, "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    private static (Scenario Base, Scenario Variant) Load(string file)
    {
        string name = Path.GetFileNameWithoutExtension(file);
        int plus = name.IndexOf('+', StringComparison.Ordinal);
        Assert.True(plus > 0, $"{file}: name it {{scenario}}+{{variant}}.json");
        string baseFile = Path.Combine(RepositoryRoot(), "scenarios", name[..plus] + ".json");
        var merged = ScenarioFile.LoadWithOverlay(baseFile, Path.Combine(Folder, file), ClockYear);
        Assert.True(merged.IsValid, $"{file}: {string.Join("; ", merged.Result.Errors)}");
        return (ScenarioFile.Load(baseFile, ClockYear).Scenario!, merged.Scenario!);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryCoverageOverlay_AppliesToItsShippedScenario_AndChangesIt(string file)
    {
        var (original, variant) = Load(file);
        Assert.True(original.Withdrawals != variant.Withdrawals || original.Taxes != variant.Taxes
                    || original.Income.Count != variant.Income.Count, $"{file} changes nothing the table is about");
    }

    [Theory]
    [InlineData("couple-spending-need+traditional-first.json")]
    [InlineData("couple-spending-need+roth-first.json")]
    [InlineData("couple-spending-need+no-social-security.json")]
    [InlineData("baseline+after-tax.json")]
    [InlineData("baseline+brackets.json")]
    [InlineData("baseline+guardrails.json")]
    [InlineData("baseline+percent-of-balance.json")]
    public void TheseConfigurations_RunEveryRetiredYearVectorized(string file)
    {
        var (_, s) = Load(file);
        var plan = YearPlan.Build(s);
        var kernel = new PathKernel(s, plan, SimdWidth.Auto);
        Assert.All(plan.Where(y => !y.Employed), y => Assert.True(kernel.DistributesVectorized(y), $"{y.Year}"));
    }
}
