using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Zun.Conductor.Options;
using Zun.Conductor.Placement;

namespace Zun.Conductor.StateMachines.Activities;

/// <summary>
/// A new container goes to the host the scheduler chooses and claims for it. When no host passes the filters for a
/// reason that lasts (a zone, a label, too little room), the create fails saying, per host, why; when every host is only
/// down, away from its engine or not heard from yet, the container waits for one until the wait's deadline, and then
/// fails in the same way.
/// </summary>
internal sealed partial class PlaceNewContainerActivity(
    ContainerScheduler scheduler, PlacementMetrics metrics, IOptions<ConductorOptions> options, TimeProvider clock, ILogger<PlaceNewContainerActivity> logger) :
    InstanceActivity<TrackedContainer>
{
    protected override string Name => "place-new-container";

    protected override async Task Apply(BehaviorContext<TrackedContainer> context)
    {
        var container = context.Saga;
        if (!container.IsAwaitingHost)
            return;

        var waitEnds = context.TryGetMessage<OperationDeadlineExpired>(out _);
        var request = scheduler.RequestFor(container);
        var started = clock.GetTimestamp();
        var placement = await scheduler.PlaceAsync(request, context.CancellationToken);
        metrics.Decided(clock.GetElapsedTime(started), placement);
        if (placement.Worker is { } worker)
        {
            // The status event of a create placed at once is the container's first; one that waited follows its scheduling.
            container.PlaceOn(worker.Host, worker.Endpoint, ContainerScheduler.ClaimOf(request, worker.Host), previous: waitEnds ? container.Status : null, clock.GetUtcNow());
            return;
        }

        var awaited = container.RequestedHost ?? "any host";
        if (!placement.CanWait)
        {
            LogNoValidHost(logger, container.CorrelationId, placement.Reason!);
            container.FailPlacement(placement.Reason!, clock.GetUtcNow());
        }
        else if (waitEnds)
        {
            LogGivingUp(logger, container.CorrelationId, awaited, options.Value.PlacementDeadlineSeconds);
            container.GiveUpWaitingForHost(placement.Reason!, options.Value.PlacementDeadline, context.ReceiveContext.Redelivered, clock.GetUtcNow());
        }
        else
        {
            LogAwaitingWorker(logger, container.CorrelationId, awaited, placement.Reason!);
            container.AwaitWorker(clock.GetUtcNow());
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Container {ContainerId} waits for a live worker ({Host}): {Reason}")]
    private static partial void LogAwaitingWorker(ILogger logger, Guid containerId, string host, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Container {ContainerId} waited {Seconds} s for a live worker ({Host}); its create times out")]
    private static partial void LogGivingUp(ILogger logger, Guid containerId, string host, int seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Container {ContainerId} cannot be placed: {Reason}")]
    private static partial void LogNoValidHost(ILogger logger, Guid containerId, string reason);
}
