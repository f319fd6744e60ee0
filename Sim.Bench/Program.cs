using BenchmarkDotNet.Running;
using Sim.Bench;

// Sim.Bench: BenchmarkDotNet suites per engine stage, and the end-to-end throughput command.
//   dotnet run -c Release --project Sim.Bench -- throughput --scenario scenarios/baseline.json --paths 1000000
//   dotnet run -c Release --project Sim.Bench -- --filter '*Normal*' [--memory] [--widths]
//   dotnet run -c Release --project Sim.Bench -- percentile-profile --scenario FILE --paths N
//   dotnet run -c Release --project Sim.Bench -- dry     (every suite once, tiny sizes: proves they still run)
if (args.Length > 0 && args[0] == "throughput")
{
    return await ThroughputCommand.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "percentile-profile")
{
    return PercentileProfile.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "dry")
{
    return DryRun.Run();
}

var config = BenchConfig.Create(args.Contains("--memory"), args.Contains("--widths"));
string[] rest = args.Where(a => a is not "--memory" and not "--widths").ToArray();
BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(rest, config);
return 0;
