using MassTransit;
using Microsoft.Extensions.Options;
using Zun.Conductor.Options;
using Zun.Conductor.Placement;
using Zun.Contracts.Hosts;

namespace Zun.Conductor.StateMachines.Activities;

/// <summary>
/// An image pull goes to the host it is pinned to or the least loaded live worker; on a worker's heartbeat while it
/// waits, to that worker when the directory has none live yet and the worker can reach its engine. When the wait's
/// deadline comes with no worker chosen, the pull ends, saying why none could be.
/// </summary>
internal sealed class PlaceImagePullActivity(IWorkerDirectory workers, IOptions<ConductorOptions> options, TimeProvider clock) :
    InstanceActivity<ImagePull>
{
    protected override string Name => "place-image-pull";

    protected override Task Apply(BehaviorContext<ImagePull> context)
    {
        var pull = context.Saga;
        if (workers.Choose(pull.RequestedHost) is { } worker)
            pull.PlaceOn(worker.Host, worker.Endpoint);
        else if (context.TryGetMessage<WorkerHeartbeat>(out var heartbeat) && heartbeat.Message.EngineUnreachableSince is null)
            pull.PlaceOn(heartbeat.Message.Host, heartbeat.Message.Endpoint);
        else if (context.TryGetMessage<OperationDeadlineExpired>(out _))
            pull.GiveUpWaitingForHost(workers.WhyNoneFor(pull.RequestedHost), options.Value.PlacementDeadline, clock.GetUtcNow());
        return Task.CompletedTask;
    }
}
