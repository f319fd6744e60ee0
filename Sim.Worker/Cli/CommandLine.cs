namespace Sim.Worker.Cli;

/// <summary>Verb dispatch. A user mistake prints a clear message and a non-zero exit code, never a stack trace.</summary>
public static class CommandLine
{
    public const int ExitOk = 0;
    public const int ExitInvalidInput = 1;
    public const int ExitUsage = 2;

    private static readonly (string Verb, string Help, Func<string[], Task<int>> Run)[] Verbs =
    [
        ("validate", "validate FILE...                      check scenario files; prints OK or every error", ValidateCommand.RunAsync),
        ("run", "run SCENARIO.json... [--out DIR] [--paths N] [--seed S] [--threads T] [--paths-out]", RunCommand.RunAsync),
        ("calibrate", CalibrateCommand.Usage, CalibrateCommand.RunAsync),
        ("serve", ServeCommand.Usage, ServeCommand.RunAsync),
        ("worker", WorkerCommand.Usage, WorkerCommand.RunAsync),
        ("enqueue", EnqueueCommand.Usage, EnqueueCommand.RunAsync),
        ("status", StatusCommand.Usage, StatusCommand.RunAsync),
        ("stress", StressCommand.Usage, StressCommand.RunAsync),
        ("solve", SolveCommand.Usage, SolveCommand.RunAsync),
        ("compare", CompareCommand.Usage, CompareCommand.RunAsync),
        ("sensitivity", SensitivityCommand.Usage, SensitivityCommand.RunAsync),
    ];

    public static async Task<int> DispatchAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            PrintUsage(Console.Out);
            return args.Length == 0 ? ExitUsage : ExitOk;
        }

        foreach (var (verb, _, run) in Verbs)
        {
            if (string.Equals(verb, args[0], StringComparison.Ordinal))
            {
                try
                {
                    return await run(args[1..]);
                }
                catch (UsageException e)
                {
                    Console.Error.WriteLine($"error: {e.Message}");
                    Console.Error.WriteLine($"usage: {verb} ...   (see --help)");
                    return ExitUsage;
                }
            }
        }

        Console.Error.WriteLine($"error: unknown command '{args[0]}'");
        PrintUsage(Console.Error);
        return ExitUsage;
    }

    private static void PrintUsage(TextWriter w)
    {
        w.WriteLine("Sim.Worker: Monte Carlo simulation of 401(k) accounts.");
        w.WriteLine();
        w.WriteLine("usage: dotnet run --project Sim.Worker -- <command> [options]");
        foreach (var (_, help, _) in Verbs)
        {
            w.WriteLine($"  {help}");
        }
    }
}

/// <summary>A command-line mistake: reported as a one-line message with the usage hint.</summary>
public sealed class UsageException(string message) : Exception(message);
