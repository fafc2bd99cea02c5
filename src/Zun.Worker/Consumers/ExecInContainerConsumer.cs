using MassTransit;
using Microsoft.Extensions.Options;
using Zun.Contracts;
using Zun.Worker.Options;
using Zun.Worker.Runtime;

namespace Zun.Worker.Consumers;

/// <summary>
/// Runs a command in a container, answers the client with <see cref="ExecResult"/>, and ends the exec
/// operation the conductor accepted with <see cref="OperationCompleted"/> or <see cref="OperationFailed"/>.
/// </summary>
internal sealed class ExecInContainerConsumer(IContainerRuntime runtime, IOptions<WorkerOptions> options, TimeProvider clock)
    : IConsumer<ExecInContainer>
{
    public async Task Consume(ConsumeContext<ExecInContainer> context)
    {
        var exec = context.Message;
        var timeout = TimeSpan.FromSeconds(exec.TimeoutSeconds is > 0 ? exec.TimeoutSeconds.Value : options.Value.ExecTimeoutSeconds);
        ExecResult? result = null;
        string? failure = null;

        // Not retried: a command that may have run once must not run again behind the client's back.
        await ContainerQueryResponder.Answer(context, exec.ContainerId, async ct =>
        {
            try
            {
                result = await runtime.ExecAsync(exec.ContainerId, exec.Command, timeout, ct);
                failure = result is null ? $"No such container: {ContainerLabels.DockerName(exec.ContainerId)}" : null;
                return result;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failure = e.Message;
                throw;
            }
        }, retryable: false);

        await PublishOutcome(context, exec, result, failure);
    }

    private Task PublishOutcome(ConsumeContext context, ExecInContainer exec, ExecResult? result, string? failure)
    {
        if (exec.OperationId == Guid.Empty)
            return Task.CompletedTask;

        var host = options.Value.Host;
        return result is not null && failure is null
            ? context.Publish(new OperationCompleted
            {
                OperationId = exec.OperationId,
                ContainerId = exec.ContainerId,
                Action = ContainerAction.Exec,
                Host = host,
                Status = ContainerStatus.Running,
                ExitCode = result.ExitCode,
                Timestamp = clock.GetUtcNow(),
            })
            : context.Publish(new OperationFailed
            {
                OperationId = exec.OperationId,
                ContainerId = exec.ContainerId,
                Action = ContainerAction.Exec,
                Host = host,
                Reason = failure ?? "exec failed",
                Timestamp = clock.GetUtcNow(),
            });
    }
}
