using Sim.Worker.Cli;
using Sim.Worker.Files;

// Sim.Worker: the command-line program and the batch server. Each verb lives in its own file under Cli/.
PhaseTrace.Mark("runtime start to Main");
int exitCode = await CommandLine.DispatchAsync(args);
PhaseTrace.Mark(PhaseTrace.Exit);
return exitCode;
