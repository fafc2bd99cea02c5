using Zun.Bench;

return await BenchCommands.Build().Parse(args).InvokeAsync();
