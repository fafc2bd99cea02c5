using MassTransit;
using Microsoft.Extensions.Options;
using Zun.Conductor.Options;
using Zun.Hosting;

namespace Zun.Conductor.Scheduling;

/// <summary>The scheduler's endpoint, <c>&lt;conductor endpoint&gt;-scheduler</c>.</summary>
internal sealed class ScheduleMessageConsumerDefinition : ConsumerDefinition<ScheduleMessageConsumer>
{
    public ScheduleMessageConsumerDefinition(IOptions<ConductorOptions> options)
    {
        Endpoint(e => e.Name = SchedulerEndpoint.Name(options.Value));
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<ScheduleMessageConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.ApplyQueueSettings(context);
        endpointConfigurator.UseMessageRetry(r => r.Intervals(100, 500, 2000));
    }
}
