using System.CommandLine;
using System.CommandLine.Invocation;
using Microsoft.Extensions.Configuration;
using Zun.Cli.Commands;
using Zun.Cli.Parsing;
using Zun.Client;

namespace Zun.Cli;

/// <summary>The <c>zun</c> command line: parses, runs one command, and says what to exit with.</summary>
internal sealed class CliApplication
{
    /// <summary>The commands whose last arguments are a command line of the container's, and how many arguments come first.</summary>
    private static readonly Dictionary<string, int> TrailingCommands = new(StringComparer.Ordinal) { ["run"] = 1, ["create"] = 1, ["exec"] = 1 };

    private readonly CliConsole _console;
    private readonly RootCommand _root;

    public CliApplication(CliConsole console, IConfiguration configuration, Func<ZunClientOptions, CancellationToken, Task<IZunClient>> connect)
    {
        _console = console;
        var kit = new CommandKit(console, configuration, connect);
        _root = new RootCommand(
            "zun: run containers on Zun's Docker hosts through RabbitMQ.\n" +
            "Exit codes: 0 success, 1 operation failed, 2 rejected, 3 timed out, 4 usage or connection error, 5 not found, 130 interrupted.");
        kit.AddGlobalOptions(_root);
        foreach (var command in ContainerCommands.Build(kit).Concat(QueryCommands.Build(kit)).Append(CopyCommands.Build(kit)).Concat(FleetCommands.Build(kit)).Append(ServiceCommands.Build(kit)).Append(QuotaCommands.Build(kit)).Append(VolumeCommands.Build(kit)))
            _root.Subcommands.Add(command);
    }

    /// <summary>The real thing: the process's streams, its environment, and a <see cref="ZunClient"/> on RabbitMQ.</summary>
    public static CliApplication ForProcess() =>
        new(CliConsole.System(), new ConfigurationBuilder().AddEnvironmentVariables().Build(),
            async (options, cancellationToken) => await ZunClient.ConnectAsync(options, cancellationToken));

    public RootCommand Root => _root;

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var parse = _root.Parse(args.Length == 0 ? ["--help"] : TrailingCommandLine.Protect(_root, args, TrailingCommands));
        if (parse.Action is ParseErrorAction && parse.Errors.Count > 0)
        {
            var command = parse.CommandResult.Command;
            var path = command == _root ? "zun" : $"zun {string.Join(' ', Path(command))}";
            _console.Fail($"{string.Join("; ", parse.Errors.Select(e => e.Message.TrimEnd('.')))} (see {path} --help)");
            return ExitCodes.UsageOrConnection;
        }

        return await parse.InvokeAsync(new InvocationConfiguration
        {
            Output = _console.Out,
            Error = _console.Error,
            EnableDefaultExceptionHandler = true,

            // Ctrl+C cancels the command, which then closes its connection (and its temporary queue) cleanly.
            ProcessTerminationTimeout = TimeSpan.FromSeconds(10),
        }, cancellationToken);
    }

    private Stack<string> Path(Command command)
    {
        var names = new Stack<string>();
        for (Symbol? symbol = command; symbol is Command c && c != _root; symbol = c.Parents.FirstOrDefault())
            names.Push(c.Name);
        return names;
    }
}
