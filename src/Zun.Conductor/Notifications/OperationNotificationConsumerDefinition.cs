using MassTransit;
using Microsoft.Extensions.Options;
using Zun.Conductor.Options;
using Zun.Hosting;

namespace Zun.Conductor.Notifications;

/// <summary>
/// Notifications get an endpoint of their own, so a slow or unavailable notification exchange never
/// holds up commands. One at a time keeps each operation's start, end and error in order.
/// </summary>
internal sealed class OperationNotificationConsumerDefinition : ConsumerDefinition<OperationNotificationConsumer>
{
    public OperationNotificationConsumerDefinition(IOptions<ConductorOptions> options)
    {
        Endpoint(e => e.Name = $"{options.Value.Endpoint}-notifications");
        ConcurrentMessageLimit = 1;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<OperationNotificationConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.ApplyQueueSettings(context);
        endpointConfigurator.UseMessageRetry(r => r.Exponential(10, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1)));
    }
}
