using MassTransit;
using Zun.Conductor.Placement;
using Zun.Contracts.Hosts;

namespace Zun.Conductor.StateMachines.Activities;

/// <summary>
/// An image pull goes to the host it is pinned to or the least loaded live worker; on a worker's heartbeat while it
/// waits, to that worker when the directory has none live yet.
/// </summary>
internal sealed class PlaceImagePullActivity(IWorkerDirectory workers) : IStateMachineActivity<ImagePull>
{
    public Task Execute(BehaviorContext<ImagePull> context, IBehavior<ImagePull> next)
    {
        Place(context.Saga, heartbeat: null);
        return next.Execute(context);
    }

    public Task Execute<T>(BehaviorContext<ImagePull, T> context, IBehavior<ImagePull, T> next)
        where T : class
    {
        Place(context.Saga, context.Message as WorkerHeartbeat);
        return next.Execute(context);
    }

    public Task Faulted<TException>(BehaviorExceptionContext<ImagePull, TException> context, IBehavior<ImagePull> next)
        where TException : Exception => next.Faulted(context);

    public Task Faulted<T, TException>(BehaviorExceptionContext<ImagePull, T, TException> context, IBehavior<ImagePull, T> next)
        where T : class
        where TException : Exception => next.Faulted(context);

    public void Probe(ProbeContext context) => context.CreateScope("place-image-pull");

    public void Accept(StateMachineVisitor visitor) => visitor.Visit(this);

    private void Place(ImagePull pull, WorkerHeartbeat? heartbeat)
    {
        if (workers.Choose(pull.RequestedHost) is { } worker)
            pull.PlaceOn(worker.Host, worker.Endpoint);
        else if (heartbeat is not null)
            pull.PlaceOn(heartbeat.Host, heartbeat.Endpoint);
    }
}
