using System.CommandLine;
using Spectre.Console;
using Zun.Client;
using Zun.Contracts;

namespace Zun.Cli.Commands;

/// <summary>Commands about images, hosts and the event stream rather than one container.</summary>
internal static class FleetCommands
{
    private const double DefaultListenSeconds = 6;

    public static IEnumerable<Command> Build(CommandKit kit) => [Pull(kit), Hosts(kit), AvailabilityZones(kit), Events(kit)];

    private static Command Pull(CommandKit kit)
    {
        var command = new Command("pull", "Pull an image onto a worker host, ahead of the containers that will use it");
        var image = new Argument<string>("image") { Description = "Image reference, e.g. 127.0.0.1:5000/busybox:latest" };
        var host = new Option<string?>("--host") { Description = "Worker host to pull on [default: the conductor picks a live one]" };
        command.Arguments.Add(image);
        command.Options.Add(host);
        var options = new OperationOptions();
        options.AddTo(command);
        kit.SetAction(command, (invocation, cancellationToken) =>
        {
            kit.ActFor(invocation, options);
            var operationId = invocation.Get(options.OperationId) ?? Guid.NewGuid();
            var pull = new PullImage { OperationId = operationId, Image = invocation.Get(image), Host = invocation.Get(host) };
            return kit.RunOperation(invocation, options, pull, operationId, null, cancellationToken);
        });
        return command;
    }

    private static Command Hosts(CommandKit kit)
    {
        var command = new Command("hosts",
            "List the worker hosts heard from. Zun has no hosts query yet: this listens for the workers' heartbeats " +
            $"(every 5 s by default) for --listen seconds and prints what it heard; a host silent for that long is not shown.");
        var listen = new Option<double>("--listen") { Description = "Seconds to listen for heartbeats", DefaultValueFactory = _ => DefaultListenSeconds };
        command.Options.Add(listen);
        kit.SetAction(command, async (invocation, cancellationToken) =>
        {
            var client = await invocation.ClientAsync(cancellationToken);
            var duration = TimeSpan.FromSeconds(Math.Max(0.5, invocation.Get(listen)));
            var hosts = invocation.Console.IsTerminal && !invocation.Output.IsJson
                ? await invocation.Console.Ansi.Status().StartAsync(
                    $"Listening for worker heartbeats for {duration.TotalSeconds:0.#} s",
                    _ => client.ListenForHeartbeatsAsync(duration, cancellationToken))
                : await client.ListenForHeartbeatsAsync(duration, cancellationToken);
            invocation.Output.Hosts(hosts, duration);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command AvailabilityZones(CommandKit kit)
    {
        var zone = new Command("availability-zone", "The availability zones of the worker hosts");
        var list = new Command("list", "List the zones the hosts the conductor knows are in, with their hosts");
        zone.Subcommands.Add(list);
        kit.SetAction(list, async (invocation, cancellationToken) =>
        {
            var client = await invocation.ClientAsync(cancellationToken);
            invocation.Output.Zones(await client.ListHostsAsync(new ListHosts { IncludeDown = true }, cancellationToken));
            return ExitCodes.Success;
        });
        return zone;
    }

    private static Command Events(CommandKit kit)
    {
        var command = new Command("events",
            "Print Zun's events (operations, container status, image pulls) as they happen, one per line " +
            "(JSON Lines with --format json): for --listen seconds, or until Ctrl+C with --follow");
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing until Ctrl+C" };
        var listen = new Option<double>("--listen") { Description = "Seconds to listen without --follow", DefaultValueFactory = _ => DefaultListenSeconds };
        var container = new Option<string?>("--container") { Description = "Only events about this container (id, name or id prefix)" };
        command.Options.Add(follow);
        command.Options.Add(listen);
        command.Options.Add(container);
        kit.SetAction(command, async (invocation, cancellationToken) =>
        {
            var client = await invocation.ClientAsync(cancellationToken);
            Guid? only = invocation.Get(container) is { } text
                ? (await ContainerResolver.ResolveAsync(client, text, cancellationToken)).Id
                : null;
            var following = invocation.Get(follow);
            var duration = TimeSpan.FromSeconds(Math.Max(0.5, invocation.Get(listen)));

            using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (!following)
                window.CancelAfter(duration);

            var events = client.WatchEventsAsync(window.Token);
            invocation.Console.Note(following ? "listening for events until Ctrl+C" : $"listening for events for {duration.TotalSeconds:0.#} s");
            try
            {
                await foreach (var received in events)
                {
                    if (only is { } id && received.ContainerId != id)
                        continue;
                    invocation.Output.Event(received);
                    await invocation.Console.Out.FlushAsync(CancellationToken.None);
                }
            }
            catch (OperationCanceledException) when (window.IsCancellationRequested)
            {
                // The window closed or Ctrl+C was pressed: both are the normal end of listening.
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
