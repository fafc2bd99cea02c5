using MassTransit;
using Microsoft.Extensions.Options;
using Zun.Contracts;
using Zun.Worker.Options;
using Zun.Worker.Runtime;

namespace Zun.Worker.Consumers;

/// <summary>Runs a command in a container and answers the client with <see cref="ExecResult"/>.</summary>
internal sealed class ExecInContainerConsumer(IContainerRuntime runtime, IOptions<WorkerOptions> options) : IConsumer<ExecInContainer>
{
    public Task Consume(ConsumeContext<ExecInContainer> context)
    {
        var exec = context.Message;
        var timeout = TimeSpan.FromSeconds(exec.TimeoutSeconds is > 0 ? exec.TimeoutSeconds.Value : options.Value.ExecTimeoutSeconds);

        // Not retried: a command that may have run once must not run again behind the client's back.
        return ContainerQueryResponder.Answer(
            context, exec.ContainerId, ct => runtime.ExecAsync(exec.ContainerId, exec.Command, timeout, ct), retryable: false);
    }
}
