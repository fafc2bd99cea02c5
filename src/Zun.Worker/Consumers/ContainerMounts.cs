using System.Formats.Tar;
using Microsoft.Extensions.Options;
using Zun.Contracts.Hosts;
using Zun.Worker.Options;
using Zun.Worker.Runtime;

namespace Zun.Worker.Consumers;

/// <summary>
/// What a container's mounts need around its create: its volumes present before Docker mounts them (a container's own
/// volumes made here, labelled; a Zun volume made elsewhere only checked for), and its injected files written into it
/// after the create and before it first starts.
/// </summary>
internal sealed class ContainerMounts(IContainerRuntime runtime, IVolumeRuntime volumes, IOptions<WorkerOptions> options)
{
    private const UnixFileMode Writable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode ReadOnly = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public async Task PrepareVolumesAsync(Guid containerId, ContainerSpec spec, CancellationToken cancellationToken)
    {
        foreach (var mount in (spec.Mounts ?? []).Where(m => m is { Type: "volume", DockerVolume: not null, VolumeId: not null }))
        {
            if (mount.AutoRemove)
            {
                await volumes.CreateAsync(mount.DockerVolume!, Labels(mount.VolumeId!.Value, mount.SizeGb, containerId), cancellationToken);
                continue;
            }

            // Docker would make a missing named volume, empty and unlabelled: a Zun volume lost here is an error, not a new one.
            if (!await volumes.ExistsAsync(mount.DockerVolume!, cancellationToken))
                throw new ContainerRuntimeException($"volume {mount.VolumeName ?? mount.VolumeId.ToString()} is not on host {options.Value.Host}: its Docker volume {mount.DockerVolume} is missing");
        }
    }

    /// <summary>The labels of a Zun volume made on this host (with the container it was made for, if any).</summary>
    public Dictionary<string, string> Labels(Guid volumeId, int? sizeGb, Guid? containerId)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [VolumeLabels.VolumeId] = volumeId.ToString("D"),
            [ContainerLabels.Host] = options.Value.Host,
        };
        if (sizeGb is { } size)
            labels[VolumeLabels.SizeGb] = size.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (containerId is { } id)
            labels[VolumeLabels.ContainerId] = id.ToString("D");
        return labels;
    }

    /// <summary>Writes each injected file at its destination (the engine makes the directories above it), before the container starts.</summary>
    public async Task InjectFilesAsync(Guid containerId, ContainerSpec spec, CancellationToken cancellationToken)
    {
        var files = (spec.Mounts ?? []).Where(m => m.Type == "bind").ToList();
        if (files.Count == 0)
            return;

        using var tar = new MemoryStream();
        await using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var file in files)
            {
                var content = Convert.FromBase64String(file.Content ?? "");
                var entry = new PaxTarEntry(TarEntryType.RegularFile, file.Destination.TrimStart('/'))
                {
                    Mode = file.ReadOnly ? ReadOnly : Writable,
                    ModificationTime = DateTimeOffset.UtcNow,
                    DataStream = new MemoryStream(content, writable: false),
                };
                await writer.WriteEntryAsync(entry, cancellationToken);
            }
        }

        if (!await runtime.PutArchiveAsync(containerId, "/", tar.ToArray(), cancellationToken))
            throw new ContainerRuntimeException($"No such container: {ContainerLabels.DockerName(containerId)}");
    }
}
