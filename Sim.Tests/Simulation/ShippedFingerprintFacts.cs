using System.Security.Cryptography;
using Sim.Engine.Simulation;
using Sim.Tests.Scenarios;
using Sim.Worker.Scenarios;

namespace Sim.Tests.Simulation;

/// <summary>
/// Every shipped scenario (scenarios/*.json, the spec's example, and every stress overlay on the baseline) run at
/// its own path count and seed, hashed bit for bit (every percentile, yearly figure and summary number) against
/// the committed golden file <c>TestData/fingerprints.txt</c>. Each scenario is run twice: as the engine chooses
/// (the vectorized distribution phase where it applies) and with every distribution year forced through the
/// per-path phase; both must give the same bits (one definition of a distribution year) and the recorded hash.
/// Never edit the golden file to make a failure pass: a changed hash means changed numbers. When the change is
/// intended, bump Sim.Engine/EngineInfo.cs, rewrite the file with SIM_UPDATE_FINGERPRINTS=1 and say in the commit
/// which outputs changed and why.
/// </summary>
public class ShippedFingerprintFacts
{
    private static string Root => ScenarioTestSupport.RepositoryRoot();

    private static string GoldenPath => Path.Combine(Root, "Sim.Tests", "TestData", "fingerprints.txt");

    /// <summary>Name → loaded scenario, in a fixed order.</summary>
    public static IEnumerable<object[]> Cases() => CaseNames().Select(n => new object[] { n });

    private static IEnumerable<string> CaseNames()
    {
        foreach (var f in Directory.GetFiles(Path.Combine(Root, "scenarios"), "*.json").Order(StringComparer.Ordinal))
        {
            yield return Path.GetFileName(f);
        }

        yield return "spec/scenario.example.json";
        foreach (var f in Directory.GetFiles(Path.Combine(Root, "scenarios", "stress"), "*.json").Order(StringComparer.Ordinal))
        {
            yield return "baseline.json+stress/" + Path.GetFileName(f);
        }
    }

    private static LoadedScenario Load(string name)
    {
        if (name == "spec/scenario.example.json")
        {
            return ScenarioFile.Load(ScenarioTestSupport.TestDataPath("scenario.example.json"), ScenarioTestSupport.ClockYear);
        }

        int plus = name.IndexOf('+', StringComparison.Ordinal);
        return plus < 0
            ? ScenarioFile.Load(Path.Combine(Root, "scenarios", name), ScenarioTestSupport.ClockYear)
            : ScenarioFile.LoadWithOverlay(Path.Combine(Root, "scenarios", name[..plus]),
                Path.Combine(Root, "scenarios", name[(plus + 1)..]), ScenarioTestSupport.ClockYear);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ShippedScenario_HasItsRecordedFingerprint_InBothDistributionPhases(string name)
    {
        var loaded = Load(name);
        Assert.True(loaded.IsValid, string.Join("; ", loaded.Result.Errors));
        var chosen = SimulationEngine.Run(loaded.Scenario!, new SimulationOptions { Threads = 2 });
        var perPath = SimulationEngine.Run(loaded.Scenario!, new SimulationOptions { Threads = 2, ScalarDistribution = true });
        string actual = Fingerprint(chosen), actualPerPath = Fingerprint(perPath);

        var golden = ReadGolden();
        if (Environment.GetEnvironmentVariable("SIM_UPDATE_FINGERPRINTS") == "1")
        {
            golden[name] = (actual, actualPerPath);
            WriteGolden(golden);
            return;
        }

        Assert.True(golden.TryGetValue(name, out var expected), $"{name} has no recorded fingerprint");
        Assert.Equal(expected.Chosen, actual);
        Assert.Equal(expected.PerPath, actualPerPath);
        Assert.Equal(actual, actualPerPath);
    }

    /// <summary>Every number a run reports, hashed in a fixed order (SHA-256, first 128 bits).</summary>
    /// <remarks>The <c>income</c> metric (added after most hashes were recorded) joins the hash only when the
    /// scenario has income streams; without them it is asserted to be 0 everywhere, so the older hashes still prove
    /// the older numbers unchanged bit for bit.</remarks>
    internal static string Fingerprint(SimulationResult r)
    {
        var s = r.Summary;
        bool income = r.Scenario.Income.Count > 0;
        var percentiles = Enum.GetValues<Metric>().Where(m => income || m != Metric.Income)
            .SelectMany(m => Enumerable.Range(0, r.Years.Length)
                .SelectMany(t => Enumerable.Range(0, r.Levels.Count).Select(l => r.Percentile(m, t, l))))
            .ToArray();
        if (!income)
        {
            for (int t = 0; t < r.Years.Length; t++)
            {
                for (int l = 0; l < r.Levels.Count; l++)
                {
                    Assert.Equal(0.0, r.Percentile(Metric.Income, t, l));
                }
            }
        }

        var numbers = percentiles
            .Concat(r.Yearly.ShareFailed).Concat(r.Yearly.ShareRmdBinding).Concat(r.Yearly.MeanBalance)
            .Concat(r.Yearly.MeanBalanceReal).Concat(r.Yearly.MeanWithdrawals)
            .Concat(s.TerminalNominal).Concat(s.TerminalReal)
            .Concat([s.SuccessProbability, s.MeanTotalTaxes, s.MedianTotalTaxes, s.MedianFailureAge, s.PeakAge,
                s.LoanRequestsCut]);
        byte[] bytes = numbers.SelectMany(BitConverter.GetBytes).ToArray();
        return Convert.ToHexStringLower(SHA256.HashData(bytes))[..32];
    }

    private static readonly Lock GoldenLock = new();

    private static Dictionary<string, (string Chosen, string PerPath)> ReadGolden()
    {
        lock (GoldenLock)
        {
            var d = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
            if (!File.Exists(GoldenPath))
            {
                return d;
            }

            foreach (var line in File.ReadAllLines(GoldenPath))
            {
                if (line.Length == 0 || line.StartsWith('#'))
                {
                    continue;
                }

                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                d[parts[0]] = (parts[1], parts[2]);
            }

            return d;
        }
    }

    private static void WriteGolden(Dictionary<string, (string Chosen, string PerPath)> golden)
    {
        lock (GoldenLock)
        {
            var current = ReadGolden();
            foreach (var (k, v) in golden)
            {
                current[k] = v;
            }

            var lines = new List<string>
            {
                "# scenario  fingerprint-as-run  fingerprint-per-path-distribution (ShippedFingerprintFacts; engine " +
                Sim.Engine.EngineInfo.Version + ")",
            };
            lines.AddRange(current.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value.Chosen} {p.Value.PerPath}"));
            File.WriteAllLines(GoldenPath, lines);
        }
    }
}
