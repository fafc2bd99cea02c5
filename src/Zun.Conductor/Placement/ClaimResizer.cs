using Zun.Conductor.Quotas;
using Zun.Conductor.StateMachines;

namespace Zun.Conductor.Placement;

/// <summary>
/// Moves a container's claim and its quota holding to the size an update asks for, before the update is accepted: the
/// project's quotas first, then the host, and the quota back to the old size when the host cannot hold the new one.
/// An update that fails on the host leaves both at the new size (more is held than used until the next update).
/// </summary>
internal sealed class ClaimResizer(ContainerScheduler scheduler, ProjectQuotas quotas)
{
    /// <summary>Null when the container now holds the new size (its <see cref="TrackedContainer.Claim"/> too); otherwise why not.</summary>
    public async Task<string?> ResizeAsync(TrackedContainer container, ContainerOperation update, CancellationToken cancellationToken)
    {
        var held = container.Claim is { } claim ? (claim.Cpu, claim.MemoryMb) : scheduler.ClaimFor(container.Spec.Cpu, container.Spec.MemoryMb);
        var (cpu, memoryMb) = (update.Cpu ?? held.Cpu, update.MemoryMb ?? held.MemoryMb);
        if (await quotas.TryResizeAsync(container.ProjectId, container.CorrelationId, cpu, memoryMb, cancellationToken) is { } overQuota)
            return overQuota;

        // A container not placed yet has no claim to move: the create claims by its spec, which the update changes only when it is done.
        if (container.Claim is not { } placed)
            return null;

        if (await scheduler.ResizeAsync(placed, container.CorrelationId, cpu, memoryMb, cancellationToken) is { } noRoom)
        {
            await quotas.TryResizeAsync(container.ProjectId, container.CorrelationId, held.Cpu, held.MemoryMb, cancellationToken);
            return noRoom;
        }

        container.Claim = placed with { Cpu = cpu, MemoryMb = memoryMb };
        return null;
    }
}
