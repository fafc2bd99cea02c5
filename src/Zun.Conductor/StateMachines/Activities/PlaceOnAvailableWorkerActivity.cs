using MassTransit;
using Zun.Conductor.Placement;
using Zun.Contracts.Hosts;

namespace Zun.Conductor.StateMachines.Activities;

/// <summary>
/// A worker's heartbeat while a new container waits for one: the scheduler tries again, now that the worker is heard.
/// A container that still cannot be placed keeps waiting until its deadline, even when the reason is no longer only a
/// passing one: the deadline's end says why.
/// </summary>
internal sealed class PlaceOnAvailableWorkerActivity(ContainerScheduler scheduler, IWorkerDirectory workers, TimeProvider clock) :
    IStateMachineActivity<TrackedContainer, WorkerHeartbeat>
{
    public async Task Execute(BehaviorContext<TrackedContainer, WorkerHeartbeat> context, IBehavior<TrackedContainer, WorkerHeartbeat> next)
    {
        var container = context.Saga;
        if (container.IsAwaitingHost)
        {
            // The directory hears heartbeats on an endpoint of its own and may not have this one yet.
            workers.Know(context.Message);
            var request = scheduler.RequestFor(container);
            var placement = await scheduler.PlaceAsync(request, context.CancellationToken);
            if (placement.Worker is { } worker)
                container.PlaceOn(worker.Host, worker.Endpoint, ContainerScheduler.ClaimOf(request, worker.Host), container.Status, clock.GetUtcNow());
        }

        await next.Execute(context);
    }

    public Task Faulted<TException>(
        BehaviorExceptionContext<TrackedContainer, WorkerHeartbeat, TException> context, IBehavior<TrackedContainer, WorkerHeartbeat> next)
        where TException : Exception => next.Faulted(context);

    public void Probe(ProbeContext context) => context.CreateScope("place-on-available-worker");

    public void Accept(StateMachineVisitor visitor) => visitor.Visit(this);
}
