using System.CommandLine;
using Zun.Client;
using Zun.Contracts;

namespace Zun.Cli.Commands;

/// <summary>
/// <c>zun volume create|list|show|delete</c>: Zun volumes, each a Docker named volume on one host, which containers mount
/// with <c>zun run --mount type=volume,source=NAME,destination=/path</c>.
/// </summary>
internal static class VolumeCommands
{
    public static Command Build(CommandKit kit)
    {
        var volume = new Command("volume", "Zun volumes: Docker named volumes on one host each, mounted by containers with --mount");
        volume.Subcommands.Add(Create(kit));
        volume.Subcommands.Add(List(kit));
        volume.Subcommands.Add(OnOne(kit, "show", "Show a volume", reference => new GetVolume { Volume = reference }));
        volume.Subcommands.Add(OnOne(kit, "delete", "Delete a volume and its Docker volume (refused while a container mounts it)", reference => new DeleteVolume { Volume = reference }));
        return volume;
    }

    private static Command Create(CommandKit kit)
    {
        var create = new Command("create", "Create a volume on a host (the conductor picks one unless --host or --availability-zone says)");
        var name = new Argument<string>("name") { Description = "The volume's name, unique in the project" };
        var size = new Option<int>("--size") { Description = "Size in GiB (recorded; Docker's local driver does not enforce it)", Required = true };
        var host = new Option<string?>("--host") { Description = "Worker host to make it on" };
        var zone = new Option<string?>("--availability-zone") { Description = "Availability zone to make it in" };
        var id = new Option<Guid?>("--id") { Description = "The new volume's id [default: a new id]" };
        create.Arguments.Add(name);
        foreach (var option in new Option[] { size, host, zone, id })
            create.Options.Add(option);
        kit.SetAction(create, (invocation, cancellationToken) => Answer(invocation, new CreateVolume
        {
            VolumeId = invocation.Get(id) ?? Guid.NewGuid(),
            Name = invocation.Get(name),
            SizeGb = invocation.Get(size),
            Host = invocation.Get(host),
            AvailabilityZone = invocation.Get(zone),
            UserId = Environment.UserName,
        }, "volume create", cancellationToken));
        return create;
    }

    private static Command List(CommandKit kit)
    {
        var list = new Command("list", "List the project's volumes");
        var host = new Option<string?>("--host") { Description = "Only the volumes on this host" };
        list.Options.Add(host);
        kit.SetAction(list, async (invocation, cancellationToken) =>
        {
            var client = await invocation.ClientAsync(cancellationToken);
            invocation.Output.Volumes(await client.ListVolumesAsync(new ListVolumes { Host = invocation.Get(host) }, cancellationToken));
            return ExitCodes.Success;
        });
        return list;
    }

    private static Command OnOne<T>(CommandKit kit, string verb, string description, Func<string, T> request)
        where T : class, IVolumeRequest
    {
        var command = new Command(verb, description);
        var volume = new Argument<string>("volume") { Description = "Volume id or name" };
        command.Arguments.Add(volume);
        kit.SetAction(command, (invocation, cancellationToken) => Answer(invocation, request(invocation.Get(volume)), $"volume {verb}", cancellationToken));
        return command;
    }

    private static async Task<int> Answer<T>(Invocation invocation, T request, string what, CancellationToken cancellationToken)
        where T : class, IVolumeRequest
    {
        var client = await invocation.ClientAsync(cancellationToken);
        invocation.Output.Volume(CommandKit.Answer(await client.AskVolumeAsync(request, cancellationToken), what));
        return ExitCodes.Success;
    }
}
