using System.CommandLine;
using Zun.Bench;

// SIGTERM cancels the running command's token; the fleet's workers (fifty hosts) and a bench's systems need more than the
// default 2 s to stop before the process is ended anyway.
return await BenchCommands.Build().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
