using MassTransit;
using Zun.Contracts;
using Zun.Worker.Runtime;

namespace Zun.Worker.Consumers;

/// <summary>Lists a container's processes and answers the client with <see cref="ContainerTop"/>.</summary>
internal sealed class GetContainerTopConsumer(IContainerRuntime runtime) : IConsumer<GetContainerTop>
{
    private const string DefaultPsArgs = "-ef";

    public Task Consume(ConsumeContext<GetContainerTop> context)
    {
        var top = context.Message;
        var psArgs = string.IsNullOrWhiteSpace(top.PsArgs) ? DefaultPsArgs : top.PsArgs;
        return ContainerQueryResponder.Answer(context, top.ContainerId, ct => runtime.GetTopAsync(top.ContainerId, psArgs, ct));
    }
}
