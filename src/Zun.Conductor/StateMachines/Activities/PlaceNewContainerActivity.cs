using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Zun.Conductor.Options;
using Zun.Conductor.Placement;

namespace Zun.Conductor.StateMachines.Activities;

/// <summary>
/// A new container goes to the host it is pinned to or the least loaded live worker with the cores it asks for, or waits
/// for one. When the wait's
/// deadline comes, a worker live by then still gets it; with none, the wait ends, saying why none could be chosen.
/// </summary>
internal sealed partial class PlaceNewContainerActivity(
    IWorkerDirectory workers, IOptions<ConductorOptions> options, TimeProvider clock, ILogger<PlaceNewContainerActivity> logger) :
    InstanceActivity<TrackedContainer>
{
    protected override string Name => "place-new-container";

    protected override Task Apply(BehaviorContext<TrackedContainer> context)
    {
        var container = context.Saga;
        if (!container.IsAwaitingHost)
            return Task.CompletedTask;

        var waitEnds = context.TryGetMessage<OperationDeadlineExpired>(out _);
        if (workers.Choose(container.RequestedHost, container.Spec.Cpu) is { } worker)
        {
            // The status event of a create placed at once is the container's first; one that waited follows its scheduling.
            container.PlaceOn(worker.Host, worker.Endpoint, previous: waitEnds ? container.Status : null, clock.GetUtcNow());
            return Task.CompletedTask;
        }

        var awaited = container.RequestedHost ?? "any host";
        if (waitEnds)
        {
            LogGivingUp(logger, container.CorrelationId, awaited, options.Value.PlacementDeadlineSeconds);
            container.GiveUpWaitingForHost(
                workers.WhyNoneFor(container.RequestedHost, container.Spec.Cpu), options.Value.PlacementDeadline, context.ReceiveContext.Redelivered, clock.GetUtcNow());
            return Task.CompletedTask;
        }

        LogAwaitingWorker(logger, container.CorrelationId, awaited);
        container.AwaitWorker(clock.GetUtcNow());
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Container {ContainerId} waits for a live worker ({Host})")]
    private static partial void LogAwaitingWorker(ILogger logger, Guid containerId, string host);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Container {ContainerId} waited {Seconds} s for a live worker ({Host}); its create times out")]
    private static partial void LogGivingUp(ILogger logger, Guid containerId, string host, int seconds);
}
