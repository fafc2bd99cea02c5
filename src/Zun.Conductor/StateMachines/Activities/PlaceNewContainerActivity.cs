using MassTransit;
using Microsoft.Extensions.Logging;
using Zun.Conductor.Placement;

namespace Zun.Conductor.StateMachines.Activities;

/// <summary>A new container goes to the host it is pinned to or the least loaded live worker, or waits for one.</summary>
internal sealed partial class PlaceNewContainerActivity(IWorkerDirectory workers, TimeProvider clock, ILogger<PlaceNewContainerActivity> logger) :
    IStateMachineActivity<TrackedContainer>
{
    public async Task Execute(BehaviorContext<TrackedContainer> context, IBehavior<TrackedContainer> next)
    {
        Place(context.Saga);
        await next.Execute(context);
    }

    public async Task Execute<T>(BehaviorContext<TrackedContainer, T> context, IBehavior<TrackedContainer, T> next)
        where T : class
    {
        Place(context.Saga);
        await next.Execute(context);
    }

    public Task Faulted<TException>(BehaviorExceptionContext<TrackedContainer, TException> context, IBehavior<TrackedContainer> next)
        where TException : Exception => next.Faulted(context);

    public Task Faulted<T, TException>(BehaviorExceptionContext<TrackedContainer, T, TException> context, IBehavior<TrackedContainer, T> next)
        where T : class
        where TException : Exception => next.Faulted(context);

    public void Probe(ProbeContext context) => context.CreateScope("place-new-container");

    public void Accept(StateMachineVisitor visitor) => visitor.Visit(this);

    private void Place(TrackedContainer container)
    {
        if (container.ActiveOperation is null || container.HostEndpoint is not null)
            return;

        if (workers.Choose(container.RequestedHost) is { } worker)
        {
            container.PlaceOn(worker.Host, worker.Endpoint, previous: null, clock.GetUtcNow());
            return;
        }

        LogAwaitingWorker(logger, container.CorrelationId, container.RequestedHost ?? "any host");
        container.AwaitWorker(clock.GetUtcNow());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Container {ContainerId} waits for a live worker ({Host})")]
    private static partial void LogAwaitingWorker(ILogger logger, Guid containerId, string host);
}
