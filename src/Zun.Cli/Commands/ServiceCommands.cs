using System.CommandLine;
using Zun.Client;
using Zun.Contracts;

namespace Zun.Cli.Commands;

/// <summary><c>zun service list|enable|disable|force-down|delete</c>: host maintenance, as upstream's zun-compute service verbs.</summary>
internal static class ServiceCommands
{
    public static Command Build(CommandKit kit)
    {
        var service = new Command("service", "The worker hosts' services: list them, take a host out of placement and back, force it down, forget it");
        service.Subcommands.Add(List(kit));
        service.Subcommands.Add(Change(kit, "enable", "Let the host take new containers again", (host, _) => new EnableService { Host = host }));
        var reason = new Option<string?>("--reason") { Description = "Why the host is disabled, as placement will say" };
        service.Subcommands.Add(Change(kit, "disable", "Take the host out of placement: it gets no new containers, its own keep running",
            (host, invocation) => new DisableService { Host = host, Reason = invocation.Get(reason) }, reason));
        var unset = new Option<bool>("--unset") { Description = "No longer forced down: the heartbeats say again whether it is up" };
        service.Subcommands.Add(Change(kit, "force-down", "Declare the host down now: its containers become Unknown until it is no longer forced down",
            (host, invocation) => new ForceDownService { Host = host, ForcedDown = !invocation.Get(unset) }, unset));
        service.Subcommands.Add(Change(kit, "delete", "Forget a host that holds no containers (a worker still running comes back with its next heartbeat)",
            (host, _) => new DeleteService { Host = host }));
        return service;
    }

    private static Command List(CommandKit kit)
    {
        var command = new Command("list", "List the worker hosts the conductor knows, up or down");
        kit.SetAction(command, async (invocation, cancellationToken) =>
        {
            var client = await invocation.ClientAsync(cancellationToken);
            invocation.Output.Services(await client.ListHostsAsync(new ListHosts { IncludeDown = true }, cancellationToken));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Change<T>(CommandKit kit, string name, string description, Func<string, Invocation, T> command, Option? option = null)
        where T : class, IServiceCommand
    {
        var verb = new Command(name, description);
        var host = new Argument<string>("host") { Description = "The worker host (its Zun:Worker:Host)" };
        verb.Arguments.Add(host);
        if (option is not null)
            verb.Options.Add(option);
        kit.SetAction(verb, async (invocation, cancellationToken) =>
        {
            var client = await invocation.ClientAsync(cancellationToken);
            var answer = await client.ChangeServiceAsync(command(invocation.Get(host), invocation), cancellationToken);
            if (!answer.Found)
                throw new CliException(answer.Status == QueryStatus.NotFound ? ExitCodes.NotFound : ExitCodes.Rejected, answer.Reason ?? "refused");
            invocation.Output.Service(answer.Value!);
            return ExitCodes.Success;
        });
        return verb;
    }
}
