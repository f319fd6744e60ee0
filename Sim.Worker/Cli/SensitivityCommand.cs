using Sim.Worker.Analysis;

namespace Sim.Worker.Cli;

/// <summary>
/// <c>sensitivity SCENARIO.json [--paths N] [--seed S] [--out DIR]</c>: success and median terminal real balance at
/// the low and high value of each input of the standard list (spec 16), on the same paths; writes
/// DIR/&lt;scenario&gt;/sensitivity.parquet, sensitivity.json and tornado.svg.
/// </summary>
public static class SensitivityCommand
{
    public const string Usage = "sensitivity SCENARIO.json [--paths N] [--seed S] [--out DIR]";

    public static async Task<int> RunAsync(string[] args)
    {
        var a = CliArgs.Parse(args, AnalysisCli.CommonOptions, []);
        if (a.Positional.Count != 1)
        {
            throw new UsageException("name one scenario file, e.g. sensitivity scenarios/baseline.json");
        }

        var loaded = AnalysisCli.Load(a.Positional);
        if (loaded is null)
        {
            return CommandLine.ExitInvalidInput;
        }

        return await AnalysisCli.RunAsync(AnalysisCli.Request(AnalysisKind.Sensitivity, loaded, a), loaded, a);
    }
}
