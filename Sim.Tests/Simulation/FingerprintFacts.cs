using System.Security.Cryptography;
using Sim.Engine.Scenarios;
using Sim.Engine.Simulation;

namespace Sim.Tests.Simulation;

/// <summary>
/// One fixed run's every percentile, yearly figure and summary number, hashed bit for bit. CI runs this test three
/// times: as is (AVX-512 here), with DOTNET_EnableAVX512=0 and with DOTNET_EnableHWIntrinsic=0; the same hash in all
/// three proves the vector paths and the scalar path give identical numbers across processes, not only within one.
/// Never update the constant to make a failure pass: a changed hash means changed numbers (bump the engine version
/// and say why in the commit).
/// </summary>
public class FingerprintFacts
{
    private const string Expected = "0e660f08a39b562217a06f990874e8ee";

    [Fact]
    public void FixedRun_HasTheRecordedFingerprint_OnEveryInstructionSet()
    {
        var s = TestScenarios.Basic(1975, 62, endAge: 95, pretax: 250_000) with
        {
            Simulation = new SimulationSettings { Paths = 1_537, Seed = 20261123, StartYear = 2026 },
            Allocation = new Allocation { Type = AllocationType.AgeInBonds, Cash = 0.05, Reits = 0.10 },
            Withdrawals = new Withdrawals { Strategy = new GuardrailsStrategy() },
            Taxes = new Taxes { Method = TaxMethod.Brackets, OtherIncome = 15_000 },
        };
        var r = SimulationEngine.Run(s, new SimulationOptions { Threads = 2, BlockSize = 500 });
        Assert.Equal(Expected, Fingerprint(r));
        // A scenario without income streams has no income: the metric added after the hash was recorded is 0.
        for (int t = 0; t < r.Years.Length; t++)
        {
            for (int l = 0; l < r.Levels.Count; l++)
            {
                Assert.Equal(0.0, r.Percentile(Metric.Income, t, l));
            }
        }
    }

    /// <summary>The metrics the recorded hash covers: those that existed when it was recorded. A metric added later
    /// (income, docs/model.md section 11) is checked separately, so the hash still proves the old numbers unchanged.</summary>
    private static readonly Metric[] HashedMetrics = [.. Enum.GetValues<Metric>().Where(m => m != Metric.Income)];

    internal static string Fingerprint(SimulationResult r)
    {
        var numbers = HashedMetrics
            .SelectMany(m => Enumerable.Range(0, r.Years.Length)
                .SelectMany(t => Enumerable.Range(0, r.Levels.Count).Select(l => r.Percentile(m, t, l))))
            .Concat(r.Yearly.ShareFailed).Concat(r.Yearly.ShareRmdBinding).Concat(r.Yearly.MeanBalance)
            .Concat(r.Yearly.MeanBalanceReal).Concat(r.Yearly.MeanWithdrawals)
            .Concat([r.Summary.SuccessProbability, r.Summary.MeanTotalTaxes, r.Summary.MedianTotalTaxes, r.Summary.MedianFailureAge]);
        byte[] bytes = numbers.SelectMany(BitConverter.GetBytes).ToArray();
        return Convert.ToHexStringLower(SHA256.HashData(bytes))[..32];
    }
}
