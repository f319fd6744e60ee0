using Sim.Engine.Analysis;
using Sim.Worker.Analysis;

namespace Sim.Worker.Cli;

/// <summary>
/// <c>solve SCENARIO.json --for FIELD [--target success=0.9|terminalReal=X] [--paths N] [--seed S] [--out DIR]</c>:
/// the best value of FIELD that meets the target with this seed and these paths; writes DIR/&lt;scenario&gt;/solve.json,
/// solve.parquet and solve.svg and prints the answer in one line. A target no value reaches is an answer (exit 0).
/// </summary>
public static class SolveCommand
{
    public const string Usage =
        "solve SCENARIO.json --for FIELD [--target success=0.9|terminalReal=X] [--paths N] [--seed S] [--out DIR]";

    public static async Task<int> RunAsync(string[] args)
    {
        var a = CliArgs.Parse(args, [.. AnalysisCli.CommonOptions, "--for", "--target"], []);
        if (a.Positional.Count != 1)
        {
            throw new UsageException("name one scenario file, e.g. solve scenarios/baseline.json --for withdrawals.amount");
        }

        string field = a.String("--for") ?? throw new UsageException($"--for FIELD is required; fields: {AnalysisRunner.FieldList}");
        if (SolveFields.Find(field) is null)
        {
            throw new UsageException($"--for: unknown field '{field}'; fields: {AnalysisRunner.FieldList}");
        }

        var target = SolveTarget.TryParse(a.String("--target") ?? SolveTarget.Default.ToString(), out var error)
                     ?? throw new UsageException($"--target: {error}");
        var loaded = AnalysisCli.Load(a.Positional);
        if (loaded is null)
        {
            return CommandLine.ExitInvalidInput;
        }

        var request = AnalysisCli.Request(AnalysisKind.Solve, loaded, a, field, target.ToString());
        return await AnalysisCli.RunAsync(request, loaded, a);
    }
}
