namespace Sim.Worker.Cli;

public static class RunCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine("run: not implemented yet");
        return Task.FromResult(CommandLine.ExitUsage);
    }
}
