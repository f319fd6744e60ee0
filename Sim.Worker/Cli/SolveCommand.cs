using System.CommandLine;
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
    /// <summary>The <c>solve</c> verb: its arguments, options and handler.</summary>
    public static Command Create()
    {
        var file = Options.One("SCENARIO.json", "the scenario file");
        var field = Options.Text("--for", "FIELD", $"the field to solve for: {AnalysisRunner.FieldList}");
        var target = Options.Text("--target", "TARGET",
            "success=P (probability of success at least P, default success=0.9) or terminalReal=X (median terminal balance in today's dollars at least X)");
        var common = AnalysisCli.Common.Create();
        var command = new Command("solve",
            "The best value of one field (most spending, least saving, earliest age) that meets a target, on the same paths for every trial.")
        {
            file, field, target,
        };
        common.AddTo(command);
        command.SetAction((parse, cancel) => RunAsync(parse, parse.GetValue(file), parse.GetValue(field), parse.GetValue(target), common, cancel));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, string? file, string? field, string? targetText, AnalysisCli.Common common,
        CancellationToken cancel)
    {
        if (file is null)
        {
            throw new UsageException("name one scenario file, e.g. solve scenarios/baseline.json --for withdrawals.amount");
        }

        if (field is null || SolveFields.Find(field) is null)
        {
            throw new UsageException($"--for: {(field is null ? "required" : $"unknown field '{field}'")}; fields: {AnalysisRunner.FieldList}");
        }

        var target = SolveTarget.TryParse(targetText ?? SolveTarget.Default.ToString(), out var error)
                     ?? throw new UsageException($"--target: {error}");
        var loaded = AnalysisCli.Load([file]);
        if (loaded is null)
        {
            return CommandLine.ExitInvalidInput;
        }

        var request = AnalysisCli.Request(AnalysisKind.Solve, loaded, parse, common, field, target.ToString());
        return await AnalysisCli.RunAsync(request, loaded, parse, common, cancel);
    }
}
