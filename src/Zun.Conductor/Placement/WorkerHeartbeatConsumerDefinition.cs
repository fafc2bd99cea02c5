using MassTransit;

namespace Zun.Conductor.Placement;

/// <summary>
/// Every conductor instance needs every heartbeat, so each listens on its own auto-deleted queue
/// rather than competing on a shared one.
/// </summary>
internal sealed class WorkerHeartbeatConsumerDefinition : ConsumerDefinition<WorkerHeartbeatConsumer>
{
    public WorkerHeartbeatConsumerDefinition()
    {
        Endpoint(e =>
        {
            e.Name = "zun-conductor-workers";
            e.InstanceId = $"-{Environment.MachineName.ToLowerInvariant()}-{Guid.NewGuid():N}";
            e.Temporary = true;
        });
    }
}
