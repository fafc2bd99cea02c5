using MassTransit;
using Microsoft.Extensions.Logging;
using Zun.Conductor.Placement;

namespace Zun.Conductor.StateMachines.Activities;

/// <summary>A new container goes to the host it is pinned to or the least loaded live worker, or waits for one.</summary>
internal sealed partial class PlaceNewContainerActivity(IWorkerDirectory workers, TimeProvider clock, ILogger<PlaceNewContainerActivity> logger) :
    InstanceActivity<TrackedContainer>
{
    protected override string Name => "place-new-container";

    protected override Task Apply(BehaviorContext<TrackedContainer> context)
    {
        var container = context.Saga;
        if (container.ActiveOperation is null || container.HostEndpoint is not null)
            return Task.CompletedTask;

        if (workers.Choose(container.RequestedHost) is { } worker)
        {
            container.PlaceOn(worker.Host, worker.Endpoint, previous: null, clock.GetUtcNow());
            return Task.CompletedTask;
        }

        LogAwaitingWorker(logger, container.CorrelationId, container.RequestedHost ?? "any host");
        container.AwaitWorker(clock.GetUtcNow());
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Container {ContainerId} waits for a live worker ({Host})")]
    private static partial void LogAwaitingWorker(ILogger logger, Guid containerId, string host);
}
