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
    private const string Expected = "610032e34b166692f78337d91b8261c7";

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
    }

    internal static string Fingerprint(SimulationResult r)
    {
        var numbers = r.Percentiles.Cast<double>()
            .Concat(r.Yearly.ShareFailed).Concat(r.Yearly.ShareRmdBinding).Concat(r.Yearly.MeanBalance)
            .Concat(r.Yearly.MeanBalanceReal).Concat(r.Yearly.MeanWithdrawals)
            .Concat([r.Summary.SuccessProbability, r.Summary.MeanTotalTaxes, r.Summary.MedianTotalTaxes, r.Summary.MedianFailureAge]);
        byte[] bytes = numbers.SelectMany(BitConverter.GetBytes).ToArray();
        return Convert.ToHexStringLower(SHA256.HashData(bytes))[..32];
    }
}
