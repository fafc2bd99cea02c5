using MassTransit;
using Microsoft.Extensions.Options;
using Zun.Conductor.Options;
using Zun.Hosting;
using Zun.Contracts;

namespace Zun.Conductor.Jobs;

/// <summary>A deleted container gave its host's room back: queued jobs are told to look for room at once.</summary>
internal sealed class ContainerDeletionWatch : IConsumer<ContainerStatusChanged>
{
    public Task Consume(ConsumeContext<ContainerStatusChanged> context) =>
        context.Message.Status == ContainerStatus.Deleted
            ? context.Publish(new JobRoomFreed { ProjectId = context.Message.ProjectId })
            : Task.CompletedTask;
}

internal sealed class ContainerDeletionWatchDefinition : ConsumerDefinition<ContainerDeletionWatch>
{
    public ContainerDeletionWatchDefinition(IOptions<ConductorOptions> options)
    {
        Endpoint(e => e.Name = $"{options.Value.Endpoint}-jobs-room");
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<ContainerDeletionWatch> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.ApplyQueueSettings(context);
        consumerConfigurator.UseMessageRetry(r => r.Intervals(100, 500));
    }
}
