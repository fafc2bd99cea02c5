using System.CommandLine;
using Zun.Cli.Parsing;
using Zun.Contracts;

namespace Zun.Cli.Commands;

/// <summary>The commands that ask: they change nothing.</summary>
internal static class QueryCommands
{
    public static IEnumerable<Command> Build(CommandKit kit) =>
        [Show(kit), List(kit), Exec(kit), Logs(kit), Top(kit), Stats(kit), Operation(kit)];

    private static Command Show(CommandKit kit)
    {
        var command = new Command("show", "Show a container: status, host, limits and recent operations");
        var container = CommandKit.ContainerArgument();
        command.Arguments.Add(container);
        kit.SetAction(command, async (invocation, cancellationToken) =>
        {
            var target = await CommandKit.Resolve(invocation, container, cancellationToken);
            var client = await invocation.ClientAsync(cancellationToken);
            invocation.Output.Container(CommandKit.Answer(await client.GetContainerAsync(target.Id, cancellationToken), "show"));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(CommandKit kit)
    {
        var command = new Command("list", "List the project's containers (all but deleted ones unless --all; every project's with --all-projects)");
        command.Aliases.Add("ls");
        var status = new Option<ContainerStatus?>("--status") { Description = "Only containers in this status (Running, Stopped, ...)" };
        var host = new Option<string?>("--host") { Description = "Only containers on this worker host" };
        var name = new Option<string?>("--name") { Description = "Only containers with this name" };
        var all = new Option<bool>("--all", "-a") { Description = "Include deleted containers" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only the ids" };
        foreach (var option in new Option[] { status, host, name, all, quiet })
            command.Options.Add(option);
        kit.SetAction(command, async (invocation, cancellationToken) =>
        {
            var client = await invocation.ClientAsync(cancellationToken);
            var containers = await client.ListContainersAsync(new ListContainers
            {
                Status = invocation.Get(status),
                Host = invocation.Get(host),

                // The project acted for is the client's; for all projects, --project names the one to list.
                ProjectId = invocation.Get(kit.Project),
                Name = invocation.Get(name),
                IncludeDeleted = invocation.Get(all),
            }, cancellationToken);
            invocation.Output.Containers(containers, invocation.Get(quiet));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Exec(CommandKit kit)
    {
        var command = new Command("exec",
            "Run a command in a running container and print its output. zun exits 0 when the command ran, whatever its exit code: " +
            "a non-zero exit code is printed on stderr, and --format json gives it as exitCode.");
        var container = CommandKit.ContainerArgument();
        var argv = new Argument<string[]>("command") { Description = "Command and arguments (put -- before them when they have options)", Arity = ArgumentArity.OneOrMore };
        var runFor = new Option<int?>("--exec-timeout") { Description = "Seconds the command may run before the answer comes without its exit code [default: the worker's]" };
        command.Arguments.Add(container);
        command.Arguments.Add(argv);
        command.Options.Add(runFor);
        kit.SetAction(command, async (invocation, cancellationToken) =>
        {
            var target = await CommandKit.Resolve(invocation, container, cancellationToken);
            var client = await invocation.ClientAsync(cancellationToken);
            var result = CommandKit.Answer(await client.ExecInContainerAsync(new ExecInContainer
            {
                OperationId = Guid.NewGuid(),
                ContainerId = target.Id,
                Command = invocation.Get(argv),
                TimeoutSeconds = invocation.Get(runFor),
            }, cancellationToken), "exec");

            if (invocation.Output.IsJson)
            {
                invocation.Output.Json(result);
            }
            else
            {
                await invocation.Console.Out.WriteAsync(result.Output);
                if (result.Truncated)
                    invocation.Console.Note("exec: output was cut off at the worker's limit");
                if (result.ExitCode is { } code and not 0)
                    invocation.Console.Note($"exec: command exited with code {code}");
            }

            if (result.TimedOut)
                throw new CliException(ExitCodes.TimedOut, "exec: the command was still running at its timeout; its exit code is unknown");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Logs(CommandKit kit)
    {
        var command = new Command("logs", "Print a container's logs (stdout and stderr unless one is chosen)");
        var container = CommandKit.ContainerArgument();
        var tail = new Option<int?>("--tail") { Description = "Only the last N lines" };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new lines (polls every --interval) until Ctrl+C or the container stops" };
        var since = new Option<string?>("--since") { Description = "Only lines since a time (2026-01-31T12:00:00Z) or a duration ago (90s, 10m, 2h)" };
        var timestamps = new Option<bool>("--timestamps", "-t") { Description = "Prefix each line with its time" };
        var stdout = new Option<bool>("--stdout") { Description = "Only stdout" };
        var stderr = new Option<bool>("--stderr") { Description = "Only stderr" };
        var interval = new Option<double>("--interval") { Description = "Seconds between polls with --follow", DefaultValueFactory = _ => 1 };
        command.Arguments.Add(container);
        foreach (var option in new Option[] { tail, follow, since, timestamps, stdout, stderr, interval })
            command.Options.Add(option);
        command.Validators.Add(result =>
        {
            if (result.GetValue(since) is { } text && ValueParsers.Since(text, DateTimeOffset.UtcNow, out var error) is null)
                result.AddError(error!);
        });
        kit.SetAction(command, async (invocation, cancellationToken) =>
        {
            var target = await CommandKit.Resolve(invocation, container, cancellationToken);
            var client = await invocation.ClientAsync(cancellationToken);
            var request = new GetContainerLogs
            {
                ContainerId = target.Id,
                Stdout = invocation.Get(stdout),
                Stderr = invocation.Get(stderr),
                Tail = invocation.Get(tail),
                Since = invocation.Get(since) is { } text ? ValueParsers.Since(text, DateTimeOffset.UtcNow, out _) : null,
                Timestamps = invocation.Get(timestamps),
            };

            if (!invocation.Get(follow))
            {
                var logs = CommandKit.Answer(await client.GetContainerLogsAsync(request, cancellationToken), "logs");
                await invocation.Console.Out.WriteAsync(logs.Output);
                if (logs.Truncated)
                    invocation.Console.Note("logs: output was cut off at the worker's limit (the newest lines are kept)");
                return ExitCodes.Success;
            }

            var follower = new LogFollower(client, invocation.Console.Out, TimeSpan.FromSeconds(Math.Max(0.2, invocation.Get(interval))));
            if (await follower.FollowAsync(request, request.Timestamps, cancellationToken) is { } unanswered)
                CommandKit.Answer(unanswered, "logs");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Top(CommandKit kit)
    {
        var command = new Command("top", "List a running container's processes");
        var container = CommandKit.ContainerArgument();
        var psArgs = new Option<string?>("--ps-args") { Description = "ps arguments [default: -ef]" };
        command.Arguments.Add(container);
        command.Options.Add(psArgs);
        kit.SetAction(command, async (invocation, cancellationToken) =>
        {
            var target = await CommandKit.Resolve(invocation, container, cancellationToken);
            var client = await invocation.ClientAsync(cancellationToken);
            invocation.Output.Top(CommandKit.Answer(
                await client.GetContainerTopAsync(new GetContainerTop { ContainerId = target.Id, PsArgs = invocation.Get(psArgs) }, cancellationToken), "top"));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Stats(CommandKit kit)
    {
        var command = new Command("stats", "Show one sample of a running container's CPU, memory, network and block I/O use");
        var container = CommandKit.ContainerArgument();
        command.Arguments.Add(container);
        kit.SetAction(command, async (invocation, cancellationToken) =>
        {
            var target = await CommandKit.Resolve(invocation, container, cancellationToken);
            var client = await invocation.ClientAsync(cancellationToken);
            invocation.Output.Stats(CommandKit.Answer(
                await client.GetContainerStatsAsync(new GetContainerStats { ContainerId = target.Id }, cancellationToken), "stats"));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Operation(CommandKit kit)
    {
        var show = new Command("show", "Show an operation: its action, state, reason, host and times");
        var id = new Argument<Guid>("operation-id") { Description = "The operation's id" };
        show.Arguments.Add(id);
        kit.SetAction(show, async (invocation, cancellationToken) =>
        {
            var client = await invocation.ClientAsync(cancellationToken);
            invocation.Output.Operation(CommandKit.Answer(await client.GetOperationAsync(invocation.Get(id), cancellationToken), "operation show"));
            return ExitCodes.Success;
        });

        return new Command("operation", "Operations: every command Zun accepted or rejected") { show };
    }
}
