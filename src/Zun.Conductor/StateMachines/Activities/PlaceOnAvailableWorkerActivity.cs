using MassTransit;
using Zun.Conductor.Placement;
using Zun.Contracts.Hosts;

namespace Zun.Conductor.StateMachines.Activities;

/// <summary>
/// A worker's heartbeat while a new container waits for one: the container goes to the least loaded live worker (or
/// the one heard from, when it can reach its engine and has the cores asked for), unless it is pinned to another host.
/// </summary>
internal sealed class PlaceOnAvailableWorkerActivity(IWorkerDirectory workers, TimeProvider clock) :
    IStateMachineActivity<TrackedContainer, WorkerHeartbeat>
{
    public async Task Execute(BehaviorContext<TrackedContainer, WorkerHeartbeat> context, IBehavior<TrackedContainer, WorkerHeartbeat> next)
    {
        var (container, heartbeat) = (context.Saga, context.Message);
        if (container.ActiveOperation is not null && container.HostEndpoint is null)
        {
            // The directory hears heartbeats on an endpoint of its own and may not have this one yet: the heartbeat itself
            // vouches for its worker, unless it says the worker cannot reach its engine.
            var worker = workers.Choose(container.RequestedHost, container.Spec.Cpu);
            var (host, endpoint) = worker is not null ? (worker.Host, worker.Endpoint)
                : heartbeat.EngineUnreachableSince is null && (container.Spec.Cpu is not { } cpu || heartbeat.Cpus >= cpu) ? (heartbeat.Host, heartbeat.Endpoint)
                : (null, null);
            if (host is not null && endpoint is not null && (container.RequestedHost is null || container.RequestedHost == host))
                container.PlaceOn(host, endpoint, container.Status, clock.GetUtcNow());
        }

        await next.Execute(context);
    }

    public Task Faulted<TException>(
        BehaviorExceptionContext<TrackedContainer, WorkerHeartbeat, TException> context, IBehavior<TrackedContainer, WorkerHeartbeat> next)
        where TException : Exception => next.Faulted(context);

    public void Probe(ProbeContext context) => context.CreateScope("place-on-available-worker");

    public void Accept(StateMachineVisitor visitor) => visitor.Visit(this);
}
