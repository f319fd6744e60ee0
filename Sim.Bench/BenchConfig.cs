using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace Sim.Bench;

/// <summary>
/// The jobs every suite can run with: the default (AVX-512 where the CPU has it), AVX2 (<c>DOTNET_EnableAVX512=0</c>)
/// and scalar (<c>DOTNET_EnableHWIntrinsic=0</c>), so one run reports the ratios between the three paths.
/// </summary>
public static class BenchConfig
{
    public static IConfig Create(bool memory, bool allWidths)
    {
        var config = ManualConfig.CreateMinimumViable();
        var job = Job.ShortRun;
        if (allWidths)
        {
            config.AddJob(job.WithId("AVX-512"));
            config.AddJob(job.WithEnvironmentVariable("DOTNET_EnableAVX512", "0").WithId("AVX2"));
            config.AddJob(job.WithEnvironmentVariable("DOTNET_EnableHWIntrinsic", "0").WithId("Scalar"));
        }
        else
        {
            config.AddJob(job);
        }

        if (memory)
        {
            config.AddDiagnoser(MemoryDiagnoser.Default);
        }

        return config;
    }
}
