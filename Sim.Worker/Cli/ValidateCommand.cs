namespace Sim.Worker.Cli;

public static class ValidateCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine("validate: not implemented yet");
        return Task.FromResult(CommandLine.ExitUsage);
    }
}
