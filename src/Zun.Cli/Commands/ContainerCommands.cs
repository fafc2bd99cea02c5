using System.CommandLine;
using System.CommandLine.Parsing;
using Zun.Cli.Parsing;
using Zun.Contracts;

namespace Zun.Cli.Commands;

/// <summary>The commands that change containers: each publishes one Zun command (and with --wait awaits its outcome).</summary>
internal static class ContainerCommands
{
    public static IEnumerable<Command> Build(CommandKit kit) =>
    [
        CreateOrRun(kit, "run", "Create a container and start it", run: true),
        CreateOrRun(kit, "create", "Create a container without starting it", run: false),
        Simple(kit, "start", "Start a created or stopped container", (id, op) => new StartContainer { ContainerId = id, OperationId = op }),
        StopOrRestart(kit, "stop", "Stop a running container: SIGTERM, then SIGKILL after the timeout",
            (id, op, time) => new StopContainer { ContainerId = id, OperationId = op, TimeoutSeconds = time }),
        StopOrRestart(kit, "restart", "Restart a container: stop it (SIGTERM, then SIGKILL after the timeout) and start it again",
            (id, op, time) => new RestartContainer { ContainerId = id, OperationId = op, TimeoutSeconds = time }),
        Simple(kit, "pause", "Freeze every process of a running container", (id, op) => new PauseContainer { ContainerId = id, OperationId = op }),
        Simple(kit, "unpause", "Resume a paused container", (id, op) => new UnpauseContainer { ContainerId = id, OperationId = op }),
        Kill(kit),
        Remove(kit),
        Update(kit),
        Rename(kit),
        Commit(kit),
        Rebuild(kit),
    ];

    /// <summary>A command on one existing container, built from its id, the operation id and the parse result.</summary>
    private static Command OnContainer(
        CommandKit kit, string name, string description, Action<Command> addOptions, Func<Invocation, Guid, Guid, object> build)
    {
        var command = new Command(name, description);
        var container = CommandKit.ContainerArgument();
        command.Arguments.Add(container);
        addOptions(command);
        var options = new OperationOptions();
        options.AddTo(command);
        kit.SetAction(command, async (invocation, cancellationToken) =>
        {
            kit.ActFor(invocation, options);
            var target = await CommandKit.Resolve(invocation, container, cancellationToken);
            var operationId = invocation.Get(options.OperationId) ?? Guid.NewGuid();
            return await kit.RunOperation(invocation, options, build(invocation, target.Id, operationId), operationId, target, cancellationToken);
        });
        return command;
    }

    private static Command Simple(CommandKit kit, string name, string description, Func<Guid, Guid, object> build) =>
        OnContainer(kit, name, description, _ => { }, (_, id, op) => build(id, op));

    private static Command StopOrRestart(CommandKit kit, string name, string description, Func<Guid, Guid, int?, object> build)
    {
        var time = new Option<int?>("--time", "-t") { Description = "Seconds to wait for the container to exit before killing it [default: the worker's]" };
        return OnContainer(kit, name, description, c => c.Options.Add(time), (inv, id, op) => build(id, op, inv.Get(time)));
    }

    private static Command Kill(CommandKit kit)
    {
        var signal = new Option<string?>("--signal", "-s") { Description = "Signal name or number [default: SIGKILL]" };
        return OnContainer(kit, "kill", "Send a signal to a running container's main process", c => c.Options.Add(signal),
            (inv, id, op) => new KillContainer { ContainerId = id, OperationId = op, Signal = inv.Get(signal) });
    }

    private static Command Remove(CommandKit kit)
    {
        var force = new Option<bool>("--force", "-f") { Description = "Delete whatever the status, killing the container if it runs" };
        var stop = new Option<bool>("--stop") { Description = "Stop a running container first, then delete it" };
        var command = OnContainer(kit, "rm", "Delete a container", c =>
        {
            c.Options.Add(force);
            c.Options.Add(stop);
        }, (inv, id, op) => new DeleteContainer { ContainerId = id, OperationId = op, Force = inv.Get(force), Stop = inv.Get(stop) });
        command.Aliases.Add("delete");
        return command;
    }

    private static Command Update(CommandKit kit)
    {
        var cpu = new Option<double?>("--cpu") { Description = "New CPU limit in cores (0.5 is half a core)" };
        var memory = MemoryOption("New memory limit: MiB, or with a unit (512m, 1g)");
        var command = OnContainer(kit, "update", "Change a container's CPU and memory limits", c =>
        {
            c.Options.Add(cpu);
            c.Options.Add(memory);
        }, (inv, id, op) => new UpdateContainer { ContainerId = id, OperationId = op, Cpu = inv.Get(cpu), MemoryMb = inv.Get(memory) });
        command.Validators.Add(result =>
        {
            if (result.GetValue(cpu) is null && result.GetValue(memory) is null)
                result.AddError("update needs --cpu, --memory or both");
        });
        return command;
    }

    private static Command Rename(CommandKit kit)
    {
        var newName = new Argument<string>("new-name") { Description = "The container's new name" };
        return OnContainer(kit, "rename", "Give a container a new name", c => c.Arguments.Add(newName),
            (inv, id, op) => new RenameContainer { ContainerId = id, OperationId = op, Name = inv.Get(newName) });
    }

    private static Command Commit(CommandKit kit)
    {
        var repository = new Argument<string>("repository") { Description = "Image to create, as repository[:tag] (tag latest when absent)" };
        return OnContainer(kit, "commit", "Save a container's file system as an image", c => c.Arguments.Add(repository), (inv, id, op) =>
        {
            var (repo, tag) = ValueParsers.RepositoryAndTag(inv.Get(repository));
            return new CommitContainer { ContainerId = id, OperationId = op, Repository = repo, Tag = tag };
        });
    }

    private static Command Rebuild(CommandKit kit)
    {
        var image = new Option<string?>("--image") { Description = "Image to rebuild from [default: the container's current image]" };
        return OnContainer(kit, "rebuild", "Recreate a container from its image (or a new one); it runs again if it was running",
            c => c.Options.Add(image), (inv, id, op) => new RebuildContainer { ContainerId = id, OperationId = op, Image = inv.Get(image) });
    }

    private static Command CreateOrRun(CommandKit kit, string name, string description, bool run)
    {
        var command = new Command(name, $"{description}. Everything after the image is the container's command; put -- before it when it has options of its own that zun knows.");
        var image = new Argument<string>("image") { Description = "Image reference, e.g. 127.0.0.1:5000/busybox:latest" };
        var argv = new Argument<string[]>("command") { Description = "Command and arguments [default: the image's]", Arity = ArgumentArity.ZeroOrMore };
        var containerName = new Option<string?>("--name", "-n") { Description = "Container name" };
        var env = new Option<string[]>("--env", "-e") { Description = "Environment variable KEY=VALUE (repeatable)", AllowMultipleArgumentsPerToken = false };
        var label = new Option<string[]>("--label", "-l") { Description = "Label KEY=VALUE (repeatable)" };
        var cpu = new Option<double?>("--cpu") { Description = "CPU limit in cores (0.5 is half a core)" };
        var memory = MemoryOption("Memory limit: MiB, or with a unit (512m, 1g)");
        var workdir = new Option<string?>("--workdir", "-w") { Description = "Working directory inside the container" };
        var hostname = new Option<string?>("--hostname") { Description = "Container host name" };
        var host = new Option<string?>("--host") { Description = "Worker host to place the container on [default: the conductor picks]" };
        var zone = new Option<string?>("--availability-zone") { Description = "Availability zone to run in [default: any, or the conductor's default zone]" };
        var hint = new Option<string[]>("--hint") { Description = "Scheduler hint KEY=VALUE: label:<key>=<value> asks for a host with that label (repeatable)" };
        var entrypoint = new Option<string[]>("--entrypoint") { Description = "Overrides the image's entrypoint (repeat for more words)" };
        var restart = new Option<RestartPolicy?>("--restart")
        {
            Description = "Restart policy: no, always, unless-stopped, on-failure[:N]",
            CustomParser = r => ValueParsers.Restart(r.Tokens[0].Value, out var error) ?? Error<RestartPolicy?>(r, error),
        };
        var autoRemove = new Option<bool>("--rm") { Description = "Remove the container when its process exits" };
        var expose = new Option<string[]>("--expose", "-p") { Description = "Container port to publish on the host: 80/tcp, 53/udp, 8080 (repeatable)" };
        var pull = new Option<string?>("--pull") { Description = "Image pull policy: always, ifnotpresent, never [default: ifnotpresent]" };
        pull.AcceptOnlyFromAmong("always", "ifnotpresent", "never");
        var runtime = new Option<string?>("--runtime") { Description = "OCI runtime, e.g. runc [default: the engine's]" };
        var interactive = new Option<bool>("--interactive", "-i") { Description = "Keep stdin open" };
        var tty = new Option<bool>("--tty", "-t") { Description = "Allocate a terminal" };
        var privileged = new Option<bool>("--privileged") { Description = "Privileged container (the conductor may refuse it)" };
        var healthcheck = new Option<Healthcheck?>("--healthcheck")
        {
            Description = "Docker health check: cmd=CMD[,interval=S][,retries=N][,timeout=S], run by the container's shell",
            CustomParser = r => ValueParsers.Healthcheck(r.Tokens[0].Value, out var error) ?? Error<Healthcheck?>(r, error),
        };
        var mount = new Option<ContainerMount[]>("--mount")
        {
            Description = "Mount type=volume,source=VOLUME,destination=/path[,readonly], or type=volume,size=GIB,destination=/path (a volume made for the container and deleted with it), or type=bind,source=FILE,destination=/path (FILE's content written there before the container starts) (repeatable)",
            CustomParser = r => [.. r.Tokens.Select(t => ValueParsers.Mount(t.Value, out var error) ?? Error<ContainerMount>(r, error))],
        };
        var autoHeal = new Option<bool>("--auto-heal") { Description = "Rebuild the container where it ran if it vanishes from its host (removed outside Zun)" };
        var containerId = new Option<Guid?>("--id") { Description = "The new container's id [default: a new id]" };
        var attach = new Option<bool>("--attach", "-a")
        {
            Description = "Wait for the container to exit, printing its output as it comes, and exit with its exit code (125 when it could not run); with --rm, delete it afterwards",
        };

        command.Arguments.Add(image);
        command.Arguments.Add(argv);
        foreach (var option in new Option[] { containerName, env, label, cpu, memory, workdir, hostname, host, zone, hint, entrypoint, restart, autoRemove, expose, pull, runtime, interactive, tty, privileged, healthcheck, mount, autoHeal, containerId })
            command.Options.Add(option);
        if (run)
            command.Options.Add(attach);
        var options = new OperationOptions();
        options.AddTo(command);

        command.Validators.Add(result =>
        {
            if (ValueParsers.Pairs(result.GetValue(env) ?? [], "--env", out var envError) is null && envError is not null)
                result.AddError(envError);
            if (ValueParsers.Pairs(result.GetValue(label) ?? [], "--label", out var labelError) is null && labelError is not null)
                result.AddError(labelError);
            if (ValueParsers.Pairs(result.GetValue(hint) ?? [], "--hint", out var hintError) is null && hintError is not null)
                result.AddError(hintError);
        });

        kit.SetAction(command, (invocation, cancellationToken) =>
        {
            kit.ActFor(invocation, options);
            var operationId = invocation.Get(options.OperationId) ?? Guid.NewGuid();
            var create = new CreateContainer
            {
                OperationId = operationId,
                ContainerId = invocation.Get(containerId) ?? Guid.NewGuid(),
                Image = invocation.Get(image),
                Command = invocation.Get(argv) is { Length: > 0 } words ? words : null,
                Name = invocation.Get(containerName),
                Environment = ValueParsers.Pairs(invocation.Get(env) ?? [], "--env", out _),
                Labels = ValueParsers.Pairs(invocation.Get(label) ?? [], "--label", out _),
                Cpu = invocation.Get(cpu),
                MemoryMb = invocation.Get(memory),
                Workdir = invocation.Get(workdir),
                Hostname = invocation.Get(hostname),
                Host = invocation.Get(host),
                AvailabilityZone = invocation.Get(zone),
                Hints = ValueParsers.Pairs(invocation.Get(hint) ?? [], "--hint", out _),
                Entrypoint = invocation.Get(entrypoint) is { Length: > 0 } words2 ? words2 : null,
                RestartPolicy = invocation.Get(restart),
                AutoRemove = invocation.Get(autoRemove),
                ExposedPorts = invocation.Get(expose) is { Length: > 0 } ports ? ports : null,
                ImagePullPolicy = invocation.Get(pull),
                Runtime = invocation.Get(runtime),
                Interactive = invocation.Get(interactive),
                Tty = invocation.Get(tty),
                Privileged = invocation.Get(privileged),
                Healthcheck = invocation.Get(healthcheck),
                Mounts = invocation.Get(mount) is { Length: > 0 } mounts ? mounts : null,
                AutoHeal = invocation.Get(autoHeal),
                Run = run,
            };
            if (run && invocation.Get(attach))
                return AttachedRun.RunAsync(invocation, create, removeAfterwards: create.AutoRemove, cancellationToken);
            return kit.RunOperation(invocation, options, create, operationId, new ContainerRef(create.ContainerId, create.Name), cancellationToken);
        });
        return command;
    }

    internal static Option<int?> MemoryOption(string description) => new("--memory", "-m")
    {
        Description = description,
        CustomParser = r => ValueParsers.MemoryMb(r.Tokens[0].Value, out var error) ?? Error<int?>(r, error),
    };

    private static T Error<T>(ArgumentResult result, string? error)
    {
        result.AddError(error ?? "invalid value");
        return default!;
    }
}
