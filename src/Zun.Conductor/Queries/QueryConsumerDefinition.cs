using MassTransit;
using Microsoft.Extensions.Options;
using Zun.Conductor.Options;
using Zun.Hosting;

namespace Zun.Conductor.Queries;

/// <summary>Queries that read many containers at once get an endpoint of their own, off the command path.</summary>
internal sealed class QueryConsumerDefinition : ConsumerDefinition<ListContainersConsumer>
{
    public QueryConsumerDefinition(IOptions<ConductorOptions> options)
    {
        Endpoint(e => e.Name = $"{options.Value.Endpoint}-queries");
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<ListContainersConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.ApplyQueueSettings(context);
        endpointConfigurator.UseMessageRetry(r => r.Intervals(100, 500));
    }
}
