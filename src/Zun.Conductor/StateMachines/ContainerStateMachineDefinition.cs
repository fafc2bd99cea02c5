using MassTransit;
using Microsoft.Extensions.Options;
using Zun.Conductor.Options;
using Zun.Contracts;
using Zun.Contracts.Hosts;
using Zun.Hosting;

namespace Zun.Conductor.StateMachines;

/// <summary>
/// The container machine's endpoint. Messages for one container pass through one partition, so they
/// are applied in the order they arrived while different containers proceed in parallel.
/// </summary>
internal sealed class ContainerStateMachineDefinition : SagaDefinition<TrackedContainer>
{
    private readonly ConductorOptions _options;

    public ContainerStateMachineDefinition(IOptions<ConductorOptions> options)
    {
        _options = options.Value;
        Endpoint(e => e.Name = _options.Endpoint);
        ConcurrentMessageLimit = _options.ConcurrencyLimit;
    }

    protected override void ConfigureSaga(
        IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<TrackedContainer> sagaConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.ApplyQueueSettings(context);
        endpointConfigurator.UseMessageRetry(r => r.Intervals(50, 200, 500, 1000, 2000));
        endpointConfigurator.UseInMemoryOutbox(context);

        var partition = endpointConfigurator.CreatePartitioner(_options.ConcurrencyLimit);
        sagaConfigurator.Message<CreateContainer>(m => m.UsePartitioner(partition, c => c.Message.ContainerId));
        sagaConfigurator.Message<StartContainer>(m => m.UsePartitioner(partition, c => c.Message.ContainerId));
        sagaConfigurator.Message<StopContainer>(m => m.UsePartitioner(partition, c => c.Message.ContainerId));
        sagaConfigurator.Message<KillContainer>(m => m.UsePartitioner(partition, c => c.Message.ContainerId));
        sagaConfigurator.Message<DeleteContainer>(m => m.UsePartitioner(partition, c => c.Message.ContainerId));
        sagaConfigurator.Message<ContainerActionCompleted>(m => m.UsePartitioner(partition, c => c.Message.ContainerId));
        sagaConfigurator.Message<ContainerActionFailed>(m => m.UsePartitioner(partition, c => c.Message.ContainerId));
        sagaConfigurator.Message<GetContainer>(m => m.UsePartitioner(partition, c => c.Message.ContainerId));
    }
}
