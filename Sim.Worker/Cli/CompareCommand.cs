using System.CommandLine;
using Sim.Worker.Analysis;

namespace Sim.Worker.Cli;

/// <summary>
/// <c>compare A.json B.json [C.json ...] [--paths N] [--seed S] [--out DIR]</c>: every scenario on the same paths;
/// for each later scenario X, the paired differences X − A in DIR/compare-A-X/ (comparison.parquet, compare.json,
/// difference.svg) and a one-line answer.
/// </summary>
public static class CompareCommand
{
    /// <summary>The <c>compare</c> verb: its arguments, options and handler.</summary>
    public static Command Create()
    {
        var files = Options.Files("A.json B.json", "the reference scenario A, then each scenario to compare with it");
        var common = AnalysisCli.Common.Create();
        var command = new Command("compare", "Paired differences B − A on the same paths, per year and metric, and who ends ahead.") { files };
        common.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            var names = parse.GetValue(files) ?? [];
            if (names.Length < 2)
            {
                throw new UsageException("name at least two scenario files, e.g. compare scenarios/baseline.json scenarios/roth-401k.json");
            }

            var loaded = AnalysisCli.Load(names);
            return loaded is null
                ? CommandLine.ExitInvalidInput
                : await AnalysisCli.RunAsync(AnalysisCli.Request(AnalysisKind.Compare, loaded, parse, common), loaded, parse, common, cancel);
        });
        return command;
    }
}
