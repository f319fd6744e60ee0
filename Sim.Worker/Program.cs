using Sim.Worker.Cli;

// Sim.Worker: the command-line program and the batch server. Each verb lives in its own file under Cli/.
return await CommandLine.DispatchAsync(args);
