using Zun.Cli;

return await CliApplication.ForProcess().RunAsync(args);
