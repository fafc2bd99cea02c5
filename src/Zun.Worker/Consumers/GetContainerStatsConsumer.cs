using MassTransit;
using Zun.Contracts;
using Zun.Worker.Runtime;

namespace Zun.Worker.Consumers;

/// <summary>Samples a container's resource use and answers the client with <see cref="ContainerStats"/>.</summary>
internal sealed class GetContainerStatsConsumer(IContainerRuntime runtime) : IConsumer<GetContainerStats>
{
    public Task Consume(ConsumeContext<GetContainerStats> context) =>
        ContainerQueryResponder.Answer(
            context, context.Message.ContainerId, ct => runtime.GetStatsAsync(context.Message.ContainerId, ct));
}
