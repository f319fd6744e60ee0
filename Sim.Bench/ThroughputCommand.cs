namespace Sim.Bench;

public static class ThroughputCommand
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(2);
}

public static class DryRun
{
    public static int Run() => 2;
}
