using MassTransit;
using Microsoft.Extensions.Options;
using Zun.Contracts.Hosts;
using Zun.Worker.Options;
using Zun.Worker.Runtime;

namespace Zun.Worker.LiveState;

/// <summary>Publishes a <see cref="HostInventory"/>: every Zun container and Zun volume on this host as Docker has them now.</summary>
internal sealed class HostInventoryPublisher(IBus bus, IContainerRuntime runtime, IVolumeRuntime volumes, IOptions<WorkerOptions> options, TimeProvider clock)
{
    public async Task PublishAsync(CancellationToken cancellationToken)
    {
        var host = options.Value.Host;

        // Read before listing: a change the list misses happened after TakenAt, so its event is newer than the inventory.
        var takenAt = clock.GetUtcNow();
        var containers = await runtime.ListAsync(host, cancellationToken);
        var zunVolumes = await volumes.ListAsync(host, cancellationToken);
        await bus.Publish(
            new HostInventory
            {
                Host = host,
                TakenAt = takenAt,
                Containers =
                [
                    .. from container in containers
                       let id = ContainerLabels.ContainerIdOf(container.Labels)
                       where id is not null
                       select new InventoryEntry
                       {
                           ContainerId = id.Value,
                           Status = container.Status,
                           ExitCode = container.ExitCode,
                           StatusReason = container.StatusReason,
                           CreatedAt = container.CreatedAt,
                       },
                ],
                Volumes =
                [
                    .. from volume in zunVolumes
                       let id = VolumeLabels.VolumeIdOf(volume.Labels)
                       where id is not null
                       select new VolumeInventoryEntry { VolumeId = id.Value, DockerVolume = volume.DockerVolume, CreatedAt = volume.CreatedAt },
                ],
            },
            cancellationToken);
    }
}
