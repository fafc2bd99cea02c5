using MassTransit;
using Microsoft.Extensions.Options;
using Zun.Contracts;
using Zun.Contracts.Hosts;
using Zun.Worker.Options;
using Zun.Worker.Runtime;

namespace Zun.Worker.Consumers;

/// <summary>
/// Runs a command in a container, answers the client with <see cref="ExecResult"/>, and tells the conductor how the
/// exec operation it accepted ended (<see cref="ExecFinished"/>).
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

    /// <summary>The conductor ends the exec operation it accepted, with its record and notification.</summary>
    private Task PublishOutcome(ConsumeContext context, ExecInContainer exec, ExecResult? result, string? failure)
    {
        if (exec.OperationId == Guid.Empty)
            return Task.CompletedTask;

        return context.Publish(new ExecFinished
        {
            OperationId = exec.OperationId,
            ContainerId = exec.ContainerId,
            Host = options.Value.Host,
            ExitCode = result?.ExitCode,
            Failure = result is not null && failure is null ? null : failure ?? "exec failed",
            Timestamp = clock.GetUtcNow(),
        });
    }
}
