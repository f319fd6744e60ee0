using System.CommandLine;
using System.CommandLine.Help;
using System.Text.RegularExpressions;
using Sim.Worker.Files;

namespace Sim.Worker.Cli;

/// <summary>
/// The command line, on System.CommandLine: every verb is one file under <c>Cli/</c> with a <c>Create()</c> that
/// returns its <see cref="Command"/> (options with help text, typed values, an action), registered by one line in
/// <see cref="Verbs"/>. <c>--help</c> works on the root and on every verb.
/// Exit codes: <see cref="ExitOk"/> 0, <see cref="ExitInvalidInput"/> 1 (the input is wrong: an invalid or missing
/// file, an unreachable server), <see cref="ExitUsage"/> 2 (the command line is wrong). A mistake prints
/// <c>error: ...</c> and the verb's usage line, never a stack trace.
/// </summary>
public static partial class CommandLine
{
    /// <summary>Exit code of a command that did what was asked.</summary>
    public const int ExitOk = 0;
    /// <summary>Exit code for input the command cannot use: an invalid scenario, a missing file, an unreachable server.</summary>
    public const int ExitInvalidInput = 1;
    /// <summary>Exit code for a wrong command line (unknown option, missing argument).</summary>
    public const int ExitUsage = 2;

    /// <summary>Every verb, in the order <c>--help</c> lists them. Adding a verb: one file, one line here.</summary>
    public static readonly Func<Command>[] Verbs =
    [
        ValidateCommand.Create,
        RunCommand.Create,
        CalibrateCommand.Create,
        ServeCommand.Create,
        WorkerCommand.Create,
        EnqueueCommand.Create,
        StatusCommand.Create,
        StressCommand.Create,
        SolveCommand.Create,
        CompareCommand.Create,
        SensitivityCommand.Create,
    ];

    /// <summary>The root command with every verb.</summary>
    public static RootCommand Root(IEnumerable<Command>? verbs = null)
    {
        var root = new RootCommand("Sim.Worker: Monte Carlo simulation of 401(k) accounts, and its batch server.\n" +
                                   "Each command has --help; exit codes: 0 ok, 1 the input is wrong, 2 usage.");
        foreach (var verb in verbs ?? Verbs.Select(v => v()))
        {
            root.Subcommands.Add(verb);
        }

        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/> with the console as output.</summary>
    public static Task<int> DispatchAsync(string[] args) => InvokeAsync(Root(), args, Console.Out, Console.Error);

    /// <summary>Parses and runs <paramref name="args"/> against <paramref name="root"/>.</summary>
    public static async Task<int> InvokeAsync(RootCommand root, string[] args, TextWriter output, TextWriter error)
    {
        // No response files: a scenario file named "@x.json" is a file, not a list of arguments.
        PhaseTrace.Mark("command line built");
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        PhaseTrace.Mark("command line parsed");
        var command = parse.CommandResult.Command;
        if (parse.Action is HelpAction)
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        }

        if (args.Length == 0)
        {
            await root.Parse(["--help"]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
            return ExitUsage;
        }

        if (parse.Errors.Count > 0)
        {
            return Usage(error, command, root, Describe(parse));
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null, // serve and worker stop on SIGTERM through the host, exit code 0
            });
        }
        catch (UsageException e)
        {
            return Usage(error, command, root, e.Message);
        }
    }

    /// <summary>The usage line of a verb: its name, options and arguments.</summary>
    public static string UsageLine(Command command)
    {
        var parts = new List<string> { command.Name };
        if (command.Options.Any(o => !o.Hidden && o is not HelpOption))
        {
            parts.Add("[options]");
        }

        parts.AddRange(command.Arguments.Select(a => a.Arity.MaximumNumberOfValues > 1 ? a.Name + "..." : a.Name));
        return string.Join(' ', parts);
    }

    private static int Usage(TextWriter error, Command command, RootCommand root, string message)
    {
        error.WriteLine($"error: {message}");
        error.WriteLine(command == root
            ? "usage: Sim.Worker <command> [options]   (see --help)"
            : $"usage: {UsageLine(command)}   (see {command.Name} --help)");
        return ExitUsage;
    }

    /// <summary>The first parse error, in this program's words.</summary>
    private static string Describe(ParseResult parse)
    {
        var first = parse.Errors[0].Message;
        if (parse.UnmatchedTokens.Count > 0 && !parse.Errors.Any(e => e.Message.StartsWith("unknown option", StringComparison.Ordinal)))
        {
            var token = parse.UnmatchedTokens[0];
            return parse.CommandResult.Command is RootCommand
                ? $"unknown command '{token}'"
                : token.StartsWith('-')
                    ? Options.UnknownOption(token, parse.CommandResult)
                    : $"unexpected argument '{token}'";
        }

        if (MissingValue().Match(first) is { Success: true } m)
        {
            return $"{m.Groups[1].Value} needs a value";
        }

        return first;
    }

    [GeneratedRegex("^Required argument missing for option: '([^']+)'")]
    private static partial Regex MissingValue();
}

/// <summary>A command-line mistake found in an action: reported as a one-line message with the usage hint.</summary>
public sealed class UsageException(string message) : Exception(message);
