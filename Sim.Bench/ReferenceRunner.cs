using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Sim.Engine.Scenarios;
using Sim.Engine.Simulation;
using Sim.Worker.Files;

namespace Sim.Bench;

/// <summary>What one whole process cost: wall seconds, CPU seconds (user + system, all threads) and peak resident
/// set (from <c>/usr/bin/time</c>).</summary>
public sealed record ProcessCost(double WallSeconds, double CpuSeconds, long PeakRssKiB, string Output, string Errors = "")
{
    public double PeakRssMiB => PeakRssKiB / 1024.0;
}

/// <summary>The NumPy reference's own report (reference/reference.py prints one JSON line).</summary>
public sealed record ReferenceReport(ProcessCost Process, string NumPy, string Blas, double LoopSeconds,
    double MedianTerminalBalance, double SuccessProbability);

/// <summary>
/// Runs whole processes beside the in-process figures: the NumPy reference (<c>reference/reference.py</c>) and the
/// product's own <c>run</c> verb, each under <c>/usr/bin/time</c> for wall time and peak RSS.
/// </summary>
public static class ReferenceRunner
{
    /// <summary>Why the reference cannot run this scenario, or null when it can: it implements exactly what the
    /// example scenario uses.</summary>
    public static string? Unsupported(Scenario s) =>
        s.Returns.Model != ReturnModelKind.Lognormal ? "returns.model is not lognormal"
        : s.Returns.Shocks.Count > 0 ? "returns.shocks"
        : s.Taxes.Method != TaxMethod.Flat ? "taxes.method is not flat"
        : s.Withdrawals.Strategy is not FixedRealStrategy { Amount: null } ? "withdrawals other than fixedReal by rate"
        : s.Withdrawals.AfterTax || s.Withdrawals.Order != WithdrawalOrder.ProRata || s.Withdrawals.DeferFirstRmd || s.Withdrawals.InService is not null
            ? "after-tax targets, source orders, deferred RMDs or in-service withdrawals"
        : s.Loans.Count > 0 ? "loans"
        : null;

    /// <summary>The plan file the reference reads: the scenario's parameters and the engine's per-year schedule.</summary>
    public static string WritePlan(Scenario s)
    {
        var r = s.Returns;
        var years = new JsonArray();
        foreach (var y in YearPlan.Build(s))
        {
            years.Add(new JsonObject
            {
                ["year"] = y.Year,
                ["employed"] = y.Employed,
                ["firstDistributionYear"] = y.FirstDistributionYear,
                ["lastEmploymentYear"] = y.LastEmploymentYear,
                ["weights"] = new JsonArray(y.Weights.Stocks, y.Weights.Bonds, y.Weights.Cash, y.Weights.Reits),
                ["employeePretax"] = y.EmployeePretax,
                ["employeeRoth"] = y.EmployeeRoth,
                ["match"] = y.Match,
                ["nonElective"] = y.NonElective,
                ["vestedFraction"] = y.VestedFraction,
                ["rmdDivisor"] = y.RmdDivisor,
                ["rothQualified"] = y.RothQualified,
                ["penaltyApplies"] = y.PenaltyApplies,
            });
        }

        var correlation = new JsonArray();
        foreach (var row in r.Correlation)
        {
            correlation.Add(new JsonArray(row.Select(v => (JsonNode)v).ToArray()));
        }

        var plan = new JsonObject
        {
            ["scenario"] = new JsonObject
            {
                ["name"] = s.Name,
                ["seed"] = s.Simulation.Seed,
                ["percentiles"] = new JsonArray(s.Simulation.Percentiles.Select(v => (JsonNode)v).ToArray()),
                ["assets"] = new JsonArray(new[] { r.Stocks, r.Bonds, r.Cash, r.Reits }
                    .Select(a => (JsonNode)new JsonArray(a.Mean, a.Stdev)).ToArray()),
                ["inflation"] = new JsonArray(r.Inflation.Mean, r.Inflation.Stdev),
                ["correlation"] = correlation,
                ["expenseRatio"] = s.Fees.ExpenseRatio,
                ["taxRate"] = s.Taxes.Rate,
                ["initialRate"] = ((FixedRealStrategy)s.Withdrawals.Strategy).InitialRate,
                ["pretaxBalance"] = s.Account.PretaxBalance,
                ["rothBalance"] = s.Account.RothBalance,
                ["employerBalance"] = s.Account.EmployerBalance,
            },
            ["years"] = years,
        };
        string file = Path.Combine(Path.GetTempPath(), $"sim-reference-plan-{Environment.ProcessId}.json");
        File.WriteAllText(file, plan.ToJsonString());
        return file;
    }

    /// <summary>
    /// The NumPy reference as its own process on <paramref name="paths"/> paths. OPENBLAS_CORETYPE and
    /// OPENBLAS_L2_SIZE are removed from that process's environment only: this machine sets them for old OpenBLAS
    /// builds, and they slow a current one; the report names the BLAS kernel that then ran.
    /// </summary>
    public static ReferenceReport RunReference(Scenario s, int paths, string python, bool noAvx512 = false)
    {
        string plan = WritePlan(s);
        try
        {
            string script = Path.Combine(AppContext.BaseDirectory, "reference", "reference.py");
            var cost = Timed(python, [script, plan, "--paths", paths.ToString(CultureInfo.InvariantCulture)],
                env =>
                {
                    env.Remove("OPENBLAS_CORETYPE");
                    env.Remove("OPENBLAS_L2_SIZE");
                    if (noAvx512)
                    {
                        WithoutAvx512(env);
                    }
                });
            string line = cost.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith('{'));
            var json = JsonNode.Parse(line)!;
            return new ReferenceReport(cost, (string)json["numpy"]!, (string)json["blas"]!, (double)json["loopSeconds"]!,
                (double)json["medianTerminalBalance"]!, (double)json["successProbability"]!);
        }
        finally
        {
            File.Delete(plan);
        }
    }

    /// <summary>The product's <c>run</c> verb on <paramref name="paths"/> paths as its own process, output to a
    /// temporary folder: <c>dotnet Sim.Worker.dll run ...</c> from the worker's own build output of this
    /// configuration (<see cref="WorkerDll"/>), as a user runs the built program.</summary>
    public static ProcessCost RunProduct(string scenarioFile, int paths, int threads, bool tracePhases = false,
        bool noAvx512 = false)
    {
        string worker = WorkerDll();
        string outDir = Path.Combine(Path.GetTempPath(), $"sim-throughput-{Environment.ProcessId}");
        try
        {
            return Timed("dotnet", [worker, "run", scenarioFile, "--paths", paths.ToString(CultureInfo.InvariantCulture),
                "--threads", threads.ToString(CultureInfo.InvariantCulture), "--out", outDir],
                env =>
                {
                    if (tracePhases)
                    {
                        env[PhaseTrace.Variable] = "1";
                    }

                    if (noAvx512)
                    {
                        WithoutAvx512(env);
                    }
                });
        }
        finally
        {
            if (Directory.Exists(outDir))
            {
                Directory.Delete(outDir, true);
            }
        }
    }

    /// <summary>What <see cref="WithoutAvx512"/> sets, for the report.</summary>
    public const string WithoutAvx512Description =
        "DOTNET_EnableAVX512=0; NPY_DISABLE_CPU_FEATURES=AVX512F..AVX512_ICL and OPENBLAS_CORETYPE=Haswell for NumPy";

    /// <summary>
    /// A process environment without AVX-512, as on the AVX2-only machine class: the .NET runtime's switch,
    /// NumPy's runtime dispatch (every AVX-512 target NumPy 1.24 knows) and OpenBLAS's kernel (its AVX2 one). Both
    /// sides lose the same instructions, so the ratio is the one that machine class would see.
    /// </summary>
    public static void WithoutAvx512(IDictionary<string, string?> env)
    {
        ArgumentNullException.ThrowIfNull(env);
        env["DOTNET_EnableAVX512"] = "0";
        env["NPY_DISABLE_CPU_FEATURES"] = "AVX512F AVX512CD AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL";
        env["OPENBLAS_CORETYPE"] = "Haswell";
    }

    /// <summary>
    /// Where a traced product run's time went (its <c>SIM_TRACE_PHASES=1</c> lines on stderr): seconds from process start
    /// to the engine, in the engine, from the engine to the end of Main, and the rest of the process's wall time (the
    /// runtime's shutdown). Null when the lines are missing.
    /// </summary>
    public static (double BeforeEngine, double Engine, double AfterEngine, double Exit)? Phases(ProcessCost traced)
    {
        var at = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string line in traced.Errors.Split('\n'))
        {
            if (line.StartsWith("[phase]", StringComparison.Ordinal))
            {
                string[] words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                at[line[(line.LastIndexOf("  ", StringComparison.Ordinal) + 2)..].Trim()] = double.Parse(words[1], CultureInfo.InvariantCulture);
            }
        }

        return at.TryGetValue(PhaseTrace.BeforeEngine, out double start) && at.TryGetValue(PhaseTrace.AfterEngine, out double end) &&
               at.TryGetValue(PhaseTrace.Exit, out double exit)
            ? (start, end - start, exit - end, traced.WallSeconds - exit)
            : null;
    }

    /// <summary>
    /// Sim.Worker.dll in the worker project's own output folder (bin/CONFIGURATION/net10.0, recorded at build time),
    /// which holds the ReadyToRun images of the worker and of the libraries a run loads; the copy beside this program
    /// has the libraries as IL from the package cache and would measure their JIT as well. Falls back to that copy
    /// when the folder is gone.
    /// </summary>
    public static string WorkerDll()
    {
        string? folder = typeof(ReferenceRunner).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "WorkerOutput")?.Value;
        string own = folder is null ? "" : Path.Combine(folder, "Sim.Worker.dll");
        return File.Exists(own) ? own : Path.Combine(AppContext.BaseDirectory, "Sim.Worker.dll");
    }

    private static ProcessCost Timed(string program, string[] args, Action<IDictionary<string, string?>> environment)
    {
        string timeFile = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo("/usr/bin/time")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string a in (string[])["-f", "%e %M %U %S", "-o", timeFile, program, .. args])
            {
                start.ArgumentList.Add(a);
            }

            environment(start.Environment);
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{program} exited with {process.ExitCode}: {stderr.Result}");
            }

            string[] parts = File.ReadAllText(timeFile).Trim().Split('\n').Last().Split(' ');
            return new ProcessCost(double.Parse(parts[0], CultureInfo.InvariantCulture),
                double.Parse(parts[2], CultureInfo.InvariantCulture) + double.Parse(parts[3], CultureInfo.InvariantCulture),
                long.Parse(parts[1], CultureInfo.InvariantCulture), stdout, stderr.Result);
        }
        finally
        {
            File.Delete(timeFile);
        }
    }
}
