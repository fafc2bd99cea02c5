using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Zun.Conductor.Options;
using Zun.Conductor.Placement;
using Zun.Conductor.Queries;
using Zun.Conductor.StateMachines;
using Zun.Conductor.Volumes;
using Zun.Contracts;
using Zun.Contracts.Hosts;

namespace Zun.Conductor.Reconciliation;

/// <summary>
/// The safety net behind Docker's event stream: compares a host's inventory with what the conductor
/// believes is on that host, and turns every disagreement into an observation for the container's
/// state machine, which applies it unless an operation is in flight or it has heard something newer.
/// Containers Zun has no live record of are orphans, and their host is told to remove them.
/// </summary>
internal sealed partial class HostInventoryConsumer(
    IQuerySagaRepository<TrackedContainer> query,
    ILoadSagaRepository<TrackedContainer> load,
    IWorkerDirectory workers,
    ZunVolumes volumes,
    IOptions<ConductorOptions> options,
    IOptions<VolumeOptions> volumeOptions,
    TimeProvider clock,
    ILogger<HostInventoryConsumer> logger) : IConsumer<HostInventory>
{
    public async Task Consume(ConsumeContext<HostInventory> context)
    {
        var inventory = context.Message;
        var inDocker = inventory.Containers.ToDictionary(c => c.ContainerId);
        var known = (await query.Find(new SagaFilter<TrackedContainer>(ContainerFilter.LiveOnHost(inventory.Host)))).ToHashSet();

        var disagreements = 0;
        foreach (var id in known)
        {
            if (await load.Load(id) is not { ActiveOperation: null } container)
                continue;

            var observed = inDocker.TryGetValue(id, out var entry)
                ? Observation(inventory, id, entry)
                : new ContainerObserved { ContainerId = id, Host = inventory.Host, Event = "sync", Vanished = true, ObservedAt = inventory.TakenAt };
            if (observed.Vanished || observed.Status != container.Status || observed.ExitCode != container.ExitCode)
            {
                disagreements++;
                await context.Publish(observed);
            }
        }

        var orphans = await RemoveOrphans(context, inventory, known);
        LogReconciled(logger, inventory.Host, inventory.Containers.Length, known.Count, disagreements, orphans);
        await ReportOrphanedVolumes(context, inventory);
    }

    /// <summary>Docker volumes labelled as Zun's that Zun has no record of on this host: each is reported, and removed if so configured.</summary>
    private async Task ReportOrphanedVolumes(ConsumeContext context, HostInventory inventory)
    {
        var oldest = clock.GetUtcNow() - TimeSpan.FromSeconds(options.Value.OrphanGraceSeconds);
        var old = (inventory.Volumes ?? []).Where(v => v.CreatedAt is null || v.CreatedAt <= oldest).ToList();
        var unknown = (await volumes.UnknownOnHostAsync(inventory.Host, old.Select(v => v.VolumeId), context.CancellationToken)).ToHashSet();
        if (unknown.Count == 0)
            return;

        var worker = workers.LiveWorkers().FirstOrDefault(w => w.Host == inventory.Host);
        var remove = volumeOptions.Value.RemoveOrphans && worker is not null;
        foreach (var orphan in old.Where(v => unknown.Contains(v.VolumeId)))
        {
            LogOrphanedVolume(logger, orphan.DockerVolume, inventory.Host, orphan.VolumeId, remove ? "removing it" : $"left in place ({VolumeOptions.Section}:RemoveOrphans is false)");
            if (!remove)
                continue;
            var endpoint = await context.GetSendEndpoint(new Uri($"exchange:{worker!.Endpoint}"));
            await endpoint.Send(new RemoveVolumeFromHost
            {
                VolumeId = orphan.VolumeId,
                Host = inventory.Host,
                DockerVolume = orphan.DockerVolume,
                Reason = "Zun has no record of it",
            });
        }
    }

    private async Task<int> RemoveOrphans(ConsumeContext context, HostInventory inventory, HashSet<Guid> known)
    {
        var settings = options.Value;
        if (!settings.RemoveOrphans || workers.LiveWorkers().FirstOrDefault(w => w.Host == inventory.Host) is not { } worker)
            return 0;

        // Young containers are left alone: their record may be on its way (a create being applied).
        var oldest = clock.GetUtcNow() - TimeSpan.FromSeconds(settings.OrphanGraceSeconds);
        var orphans = 0;
        foreach (var entry in inventory.Containers.Where(e => !known.Contains(e.ContainerId) && e.CreatedAt <= oldest))
        {
            if (await load.Load(entry.ContainerId) is { } record && record.Status != ContainerStatus.Deleted)
                continue;

            orphans++;
            var endpoint = await context.GetSendEndpoint(new Uri($"exchange:{worker.Endpoint}"));
            await endpoint.Send(new RemoveOrphanContainer
            {
                ContainerId = entry.ContainerId,
                Host = inventory.Host,
                Reason = "Zun has no live record of it",
            });
        }

        return orphans;
    }

    private static ContainerObserved Observation(HostInventory inventory, Guid id, InventoryEntry entry) => new()
    {
        ContainerId = id,
        Host = inventory.Host,
        Event = "sync",
        Status = entry.Status,
        ExitCode = entry.ExitCode,
        StatusReason = entry.StatusReason,
        ObservedAt = inventory.TakenAt,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Orphaned volume {DockerVolume} on {Host}: labelled as Zun volume {VolumeId}, which Zun has no record of; {Action}")]
    private static partial void LogOrphanedVolume(ILogger logger, string dockerVolume, string host, Guid volumeId, string action);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Inventory of {Host}: {InDocker} containers in Docker, {Known} known live there, {Disagreements} to reconcile, {Orphans} orphans to remove")]
    private static partial void LogReconciled(ILogger logger, string host, int inDocker, int known, int disagreements, int orphans);
}
