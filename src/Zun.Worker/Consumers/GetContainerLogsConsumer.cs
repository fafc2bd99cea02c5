using MassTransit;
using Zun.Contracts;
using Zun.Worker.Runtime;

namespace Zun.Worker.Consumers;

/// <summary>Reads a container's logs and answers the client with <see cref="ContainerLogs"/>.</summary>
internal sealed class GetContainerLogsConsumer(IContainerRuntime runtime) : IConsumer<GetContainerLogs>
{
    public Task Consume(ConsumeContext<GetContainerLogs> context) =>
        ContainerQueryResponder.Answer(
            context, context.Message.ContainerId, ct => runtime.GetLogsAsync(context.Message.ContainerId, context.Message, ct));
}
