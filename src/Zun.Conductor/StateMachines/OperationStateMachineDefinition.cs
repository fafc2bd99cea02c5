using MassTransit;
using Microsoft.Extensions.Options;
using Zun.Conductor.Options;
using Zun.Contracts;
using Zun.Hosting;

namespace Zun.Conductor.StateMachines;

/// <summary>The operation records' endpoint; events of one operation are applied one at a time.</summary>
internal sealed class OperationStateMachineDefinition : SagaDefinition<TrackedOperation>
{
    private readonly ConductorOptions _options;

    public OperationStateMachineDefinition(IOptions<ConductorOptions> options)
    {
        _options = options.Value;
        Endpoint(e => e.Name = $"{_options.Endpoint}-operations");
        ConcurrentMessageLimit = _options.ConcurrencyLimit;
    }

    protected override void ConfigureSaga(
        IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<TrackedOperation> sagaConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.ApplyQueueSettings(context);
        endpointConfigurator.UseMessageRetry(r => r.Intervals(50, 200, 500, 1000, 2000));
        endpointConfigurator.UseInMemoryOutbox(context);

        var partition = endpointConfigurator.CreatePartitioner(_options.ConcurrencyLimit);
        sagaConfigurator.Message<OperationAccepted>(m => m.UsePartitioner(partition, c => c.Message.OperationId));
        sagaConfigurator.Message<OperationDispatched>(m => m.UsePartitioner(partition, c => c.Message.OperationId));
        sagaConfigurator.Message<OperationCompleted>(m => m.UsePartitioner(partition, c => c.Message.OperationId));
        sagaConfigurator.Message<OperationFailed>(m => m.UsePartitioner(partition, c => c.Message.OperationId));
        sagaConfigurator.Message<OperationRejected>(m => m.UsePartitioner(partition, c => c.Message.OperationId));
        sagaConfigurator.Message<OperationTimedOut>(m => m.UsePartitioner(partition, c => c.Message.OperationId));
        sagaConfigurator.Message<GetOperation>(m => m.UsePartitioner(partition, c => c.Message.OperationId));
    }
}
