using MassTransit;
using Microsoft.Extensions.Options;
using Zun.Conductor.Options;
using Zun.Hosting;

namespace Zun.Conductor.Reconciliation;

/// <summary>Inventories are reconciled on an endpoint of their own, off the command path.</summary>
internal sealed class HostInventoryConsumerDefinition : ConsumerDefinition<HostInventoryConsumer>
{
    public HostInventoryConsumerDefinition(IOptions<ConductorOptions> options)
    {
        Endpoint(e => e.Name = $"{options.Value.Endpoint}-inventory");
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<HostInventoryConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.ApplyQueueSettings(context);
        endpointConfigurator.UseMessageRetry(r => r.Intervals(500, 2000));
    }
}
