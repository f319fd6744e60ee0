using System.CommandLine;
using Sim.Worker.Analysis;

namespace Sim.Worker.Cli;

/// <summary>
/// <c>sensitivity SCENARIO.json [--paths N] [--seed S] [--out DIR]</c>: success and median terminal real balance at
/// the low and high value of each input of the standard list (spec 16), on the same paths; writes
/// DIR/&lt;scenario&gt;/sensitivity.parquet, sensitivity.json and tornado.svg.
/// </summary>
public static class SensitivityCommand
{
    /// <summary>The <c>sensitivity</c> verb: its arguments, options and handler.</summary>
    public static Command Create()
    {
        var file = Options.One("SCENARIO.json", "the scenario file");
        var common = AnalysisCli.Common.Create();
        var command = new Command("sensitivity", "Which input moves the probability of success most: a tornado of the standard list.") { file };
        common.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            var name = parse.GetValue(file) ?? throw new UsageException("name one scenario file, e.g. sensitivity scenarios/baseline.json");
            var loaded = AnalysisCli.Load([name]);
            return loaded is null
                ? CommandLine.ExitInvalidInput
                : await AnalysisCli.RunAsync(AnalysisCli.Request(AnalysisKind.Sensitivity, loaded, parse, common), loaded, parse, common, cancel);
        });
        return command;
    }
}
