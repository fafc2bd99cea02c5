using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Zun.Contracts;
using Zun.Contracts.Hosts;
using Zun.Worker.Options;
using Zun.Worker.Runtime;

namespace Zun.Worker.Consumers;

/// <summary>Carries out the conductor's work on this host and reports exactly one outcome for it.</summary>
internal sealed partial class PerformContainerActionConsumer(
    ContainerActionHandler handler,
    EngineOutage engine,
    ContainerLocks locks,
    ActionMetrics metrics,
    IOptions<WorkerOptions> options,
    TimeProvider clock,
    ILogger<PerformContainerActionConsumer> logger) : IConsumer<PerformContainerAction>
{
    public async Task Consume(ConsumeContext<PerformContainerAction> context)
    {
        var action = context.Message;
        using var exclusive = await locks.Acquire(action.ContainerId, context.CancellationToken);
        LogStarting(logger, action.Action, action.OperationId, action.ContainerId);
        var started = clock.GetTimestamp();
        try
        {
            var (container, imageId) = await engine.RideOutAsync(ct => handler.Handle(action, ct), action.Deadline, context.CancellationToken);
            metrics.Record(action.Action, clock.GetElapsedTime(started), succeeded: true);
            await context.Publish(new ContainerActionCompleted
            {
                OperationId = action.OperationId,
                ContainerId = action.ContainerId,
                Action = action.Action,
                Host = options.Value.Host,
                Status = container?.Status ?? ContainerStatus.Deleted,
                ExitCode = container?.ExitCode,
                StatusReason = container?.StatusReason,
                Ports = container is not null && ReportsPorts(action.Action) ? [.. container.Ports] : null,
                ImageId = imageId,
                Timestamp = clock.GetUtcNow(),
            });
        }
        catch (Exception e) when (e is not OperationCanceledException && !WorkerRetryPolicy.ShouldRetry(context, e))
        {
            metrics.Record(action.Action, clock.GetElapsedTime(started), succeeded: false);
            LogFailed(logger, action.Action, action.OperationId, action.ContainerId, e.Message);
            await context.Publish(new ContainerActionFailed
            {
                OperationId = action.OperationId,
                ContainerId = action.ContainerId,
                Action = action.Action,
                Host = options.Value.Host,
                Reason = e.Message,
                Timestamp = clock.GetUtcNow(),
            });
        }
    }

    /// <summary>The actions after which the container may hold newly published ports.</summary>
    private static bool ReportsPorts(ContainerAction action) =>
        action is ContainerAction.Create or ContainerAction.Start or ContainerAction.Restart or ContainerAction.Rebuild;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Action} {OperationId} on container {ContainerId}")]
    private static partial void LogStarting(ILogger logger, ContainerAction action, Guid operationId, Guid containerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Action} {OperationId} on container {ContainerId} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, ContainerAction action, Guid operationId, Guid containerId, string reason);
}
