using MassTransit;
using Zun.Conductor.Placement;
using Zun.Conductor.Quotas;
using Zun.Conductor.Volumes;

namespace Zun.Conductor.StateMachines.Activities;

/// <summary>
/// Gives back what a container held once it is deleted or its create failed: its claim on its host, and, once deleted,
/// what it counted against its project's quotas and its volumes (its own are removed from its host). Done before the
/// record is saved: should the save fail, the message runs again and gives them up again, and giving up what the ledgers
/// no longer hold changes nothing. Its own volumes also learn here the host it was placed on.
/// </summary>
internal sealed class ReleaseClaimActivity(ContainerScheduler scheduler, ProjectQuotas quotas, ZunVolumes volumes) : InstanceActivity<TrackedContainer>
{
    protected override string Name => "release-claim";

    protected override async Task Apply(BehaviorContext<TrackedContainer> context)
    {
        var container = context.Saga;
        if (container.TakeClaimToRelease() is { } claim)
            await scheduler.ReleaseAsync(claim.Host, container.CorrelationId, context.CancellationToken);
        if (container.TakeQuotaToRelease())
            await quotas.ReleaseAsync(container.ProjectId, container.CorrelationId, context.CancellationToken);
        if (container.TakeOwnVolumesPlaced() is { } host)
            await volumes.PlaceAsync(container.Spec.Mounts ?? [], host, context.CancellationToken);
        if (container.TakeVolumesToRelease())
            await volumes.ReleaseAsync(container.CorrelationId, container.Spec.Mounts ?? [], container.HostEndpoint, context, context.CancellationToken);
    }
}
