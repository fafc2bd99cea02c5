using MassTransit;
using Zun.Conductor.Placement;
using Zun.Contracts.Hosts;

namespace Zun.Conductor.StateMachines.Activities;

/// <summary>
/// An image pull goes to the host it is pinned to or the least loaded live worker; on a worker's heartbeat while it
/// waits, to that worker when the directory has none live yet and the worker can reach its engine.
/// </summary>
internal sealed class PlaceImagePullActivity(IWorkerDirectory workers) : InstanceActivity<ImagePull>
{
    protected override string Name => "place-image-pull";

    protected override Task Apply(BehaviorContext<ImagePull> context)
    {
        if (workers.Choose(context.Saga.RequestedHost) is { } worker)
            context.Saga.PlaceOn(worker.Host, worker.Endpoint);
        else if (context.TryGetMessage<WorkerHeartbeat>(out var heartbeat) && heartbeat.Message.EngineUnreachableSince is null)
            context.Saga.PlaceOn(heartbeat.Message.Host, heartbeat.Message.Endpoint);
        return Task.CompletedTask;
    }
}
