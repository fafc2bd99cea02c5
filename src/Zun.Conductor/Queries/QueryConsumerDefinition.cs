using MassTransit;
using Microsoft.Extensions.Options;
using Zun.Conductor.Options;
using Zun.Hosting;

namespace Zun.Conductor.Queries;

/// <summary>
/// Queries that only read the store share an endpoint of their own, off the command path. The retry is the
/// consumer's, not the endpoint's, since every query consumer configures the one endpoint.
/// </summary>
internal sealed class QueryConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    public QueryConsumerDefinition(IOptions<ConductorOptions> options)
    {
        Endpoint(e => e.Name = $"{options.Value.Endpoint}-queries");
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.ApplyQueueSettings(context);
        consumerConfigurator.UseMessageRetry(r => r.Intervals(100, 500));
    }
}
