using MassTransit;
using Microsoft.Extensions.Logging;
using Zun.Conductor.Queries;
using Zun.Conductor.StateMachines;
using Zun.Contracts;
using Zun.Contracts.Hosts;

namespace Zun.Conductor.Reconciliation;

/// <summary>
/// The safety net behind Docker's event stream: compares a host's inventory with what the conductor
/// believes is on that host, and turns every disagreement into an observation for the container's
/// state machine, which applies it unless an operation is in flight or it has heard something newer.
/// </summary>
internal sealed partial class HostInventoryConsumer(
    IQuerySagaRepository<TrackedContainer> query,
    ILoadSagaRepository<TrackedContainer> load,
    ILogger<HostInventoryConsumer> logger) : IConsumer<HostInventory>
{
    public async Task Consume(ConsumeContext<HostInventory> context)
    {
        var inventory = context.Message;
        var inDocker = inventory.Containers.ToDictionary(c => c.ContainerId);
        var known = await query.Find(new SagaFilter<TrackedContainer>(ContainerFilter.LiveOnHost(inventory.Host)));

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

        LogReconciled(logger, inventory.Host, inventory.Containers.Length, known.Count(), disagreements);
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Inventory of {Host}: {InDocker} containers in Docker, {Known} known live there, {Disagreements} to reconcile")]
    private static partial void LogReconciled(ILogger logger, string host, int inDocker, int known, int disagreements);
}
