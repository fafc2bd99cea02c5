using MassTransit;
using Zun.Conductor.Placement;
using Zun.Conductor.Quotas;

namespace Zun.Conductor.StateMachines.Activities;

/// <summary>
/// Gives back what a container held once it is deleted or its create failed: its claim on its host, and, once deleted,
/// what it counted against its project's quotas. Done before the record is saved: should the save fail, the message
/// runs again and gives them up again, and giving up what the ledgers no longer hold changes nothing.
/// </summary>
internal sealed class ReleaseClaimActivity(ContainerScheduler scheduler, ProjectQuotas quotas) : InstanceActivity<TrackedContainer>
{
    protected override string Name => "release-claim";

    protected override async Task Apply(BehaviorContext<TrackedContainer> context)
    {
        var container = context.Saga;
        if (container.TakeClaimToRelease() is { } claim)
            await scheduler.ReleaseAsync(claim.Host, container.CorrelationId, context.CancellationToken);
        if (container.TakeQuotaToRelease())
            await quotas.ReleaseAsync(container.ProjectId, container.CorrelationId, context.CancellationToken);
    }
}
