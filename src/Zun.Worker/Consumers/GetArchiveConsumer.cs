using MassTransit;
using Zun.Contracts;
using Zun.Worker.Runtime;

namespace Zun.Worker.Consumers;

/// <summary>Reads a path of a container as a tar archive and answers the client with <see cref="ContainerArchive"/>.</summary>
internal sealed class GetArchiveConsumer(IContainerRuntime runtime) : IConsumer<GetArchive>
{
    public Task Consume(ConsumeContext<GetArchive> context)
    {
        var get = context.Message;
        return ContainerQueryResponder.Answer(context, get.ContainerId, ct => runtime.GetArchiveAsync(get.ContainerId, get.Path, get.StatOnly, ct));
    }
}
