using MassTransit;
using Zun.Contracts.Hosts;

namespace Zun.Conductor.Placement;

/// <summary>Keeps this conductor's <see cref="IWorkerDirectory"/> current.</summary>
internal sealed class WorkerHeartbeatConsumer(IWorkerDirectory directory) : IConsumer<WorkerHeartbeat>
{
    public Task Consume(ConsumeContext<WorkerHeartbeat> context)
    {
        directory.Record(context.Message);
        return Task.CompletedTask;
    }
}
