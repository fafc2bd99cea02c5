using MassTransit;
using Zun.Conductor.Placement;

namespace Zun.Conductor.StateMachines.Activities;

/// <summary>
/// Gives back the claim of a container that was deleted or whose create failed. Done before the record is saved: should
/// the save fail, the message runs again, gives up the claim again, and releasing a claim the ledger no longer holds
/// changes nothing.
/// </summary>
internal sealed class ReleaseClaimActivity(ContainerScheduler scheduler) : InstanceActivity<TrackedContainer>
{
    protected override string Name => "release-claim";

    protected override Task Apply(BehaviorContext<TrackedContainer> context) =>
        context.Saga.TakeClaimToRelease() is { } claim
            ? scheduler.ReleaseAsync(claim.Host, context.Saga.CorrelationId, context.CancellationToken)
            : Task.CompletedTask;
}
