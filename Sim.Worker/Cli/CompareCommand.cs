using Sim.Worker.Analysis;

namespace Sim.Worker.Cli;

/// <summary>
/// <c>compare A.json B.json [C.json ...] [--paths N] [--seed S] [--out DIR]</c>: every scenario on the same paths;
/// for each later scenario X, the paired differences X − A in DIR/compare-A-X/ (comparison.parquet, compare.json,
/// difference.svg) and a one-line answer.
/// </summary>
public static class CompareCommand
{
    public const string Usage = "compare A.json B.json [C.json ...] [--paths N] [--seed S] [--out DIR]";

    public static async Task<int> RunAsync(string[] args)
    {
        var a = CliArgs.Parse(args, AnalysisCli.CommonOptions, []);
        if (a.Positional.Count < 2)
        {
            throw new UsageException("name at least two scenario files, e.g. compare scenarios/baseline.json scenarios/roth-401k.json");
        }

        var loaded = AnalysisCli.Load(a.Positional);
        if (loaded is null)
        {
            return CommandLine.ExitInvalidInput;
        }

        return await AnalysisCli.RunAsync(AnalysisCli.Request(AnalysisKind.Compare, loaded, a), loaded, a);
    }
}
