using MassTransit;
using Zun.Conductor.Operations;
using Zun.Contracts;

namespace Zun.Conductor.StateMachines;

/// <summary>
/// The one place that publishes the events of container operations. Each carries a summary of the
/// container, so subscribers (and the OpenStack notifications made from these events) need no lookup.
/// The operation events go out through <see cref="OperationEventPublisher"/>, with the operation's record and notification.
/// </summary>
public sealed class ContainerEvents(TimeProvider clock, OperationEventPublisher operations)
{
    public Task Accepted(ConsumeContext context, TrackedContainer container, ContainerOperation operation) =>
        operations.Accepted(context, new OperationAccepted
        {
            OperationId = operation.OperationId,
            ContainerId = container.CorrelationId,
            Action = operation.Action,
            ProjectId = container.ProjectId,
            UserId = operation.UserId,
            Container = Summary(container),
            Timestamp = operation.AcceptedAt,
        });

    public Task Dispatched(ConsumeContext context, TrackedContainer container, ContainerOperation operation) =>
        operations.Dispatched(context, new OperationDispatched
        {
            OperationId = operation.OperationId,
            ContainerId = container.CorrelationId,
            Action = operation.Action,
            Host = container.Host!,
            Timestamp = operation.DispatchedAt ?? clock.GetUtcNow(),
        });

    /// <summary>An operation completed; <paramref name="exitCode"/> is an exec's, when it is not the container's.</summary>
    public Task Completed(ConsumeContext context, TrackedContainer container, ContainerOperation operation, int? exitCode = null) =>
        operations.Completed(context, new OperationCompleted
        {
            OperationId = operation.OperationId,
            ContainerId = container.CorrelationId,
            Action = operation.Action,
            Host = container.Host,
            Status = container.Status,
            ExitCode = exitCode ?? container.ExitCode,
            Container = Summary(container),
            Timestamp = clock.GetUtcNow(),
        });

    public Task Failed(ConsumeContext context, TrackedContainer container, ContainerOperation operation, string reason) =>
        operations.Failed(context, new OperationFailed
        {
            OperationId = operation.OperationId,
            ContainerId = container.CorrelationId,
            Action = operation.Action,
            Host = container.Host,
            Reason = reason,
            Status = container.Status,
            Container = Summary(container),
            Timestamp = clock.GetUtcNow(),
        });

    public Task TimedOut(ConsumeContext context, TrackedContainer container, ContainerOperation operation, string reason) =>
        operations.TimedOut(context, new OperationTimedOut
        {
            OperationId = operation.OperationId,
            ContainerId = container.CorrelationId,
            Action = operation.Action,
            Host = container.Host,
            Reason = reason,
            Container = Summary(container),
            Timestamp = clock.GetUtcNow(),
        });

    /// <summary>A refusal; <paramref name="container"/> is null when the container is unknown or the create itself was refused.</summary>
    public Task Rejected(
        ConsumeContext context, TrackedContainer? container, Guid operationId, Guid containerId, ContainerAction action,
        string reason, string? projectId, string? userId) =>
        operations.Rejected(context, new OperationRejected
        {
            OperationId = operationId,
            ContainerId = containerId,
            Action = action,
            Reason = reason,
            ProjectId = projectId,
            UserId = userId,
            Container = container is null ? null : Summary(container),
            Timestamp = clock.GetUtcNow(),
        });

    public Task StatusChanged(ConsumeContext context, TrackedContainer container, ContainerStatus? previous, Guid? operationId) =>
        context.Publish(new ContainerStatusChanged
        {
            ContainerId = container.CorrelationId,
            Status = container.Status,
            PreviousStatus = previous,
            TaskState = container.TaskState,
            Host = container.Host,
            StatusReason = container.StatusReason,
            ExitCode = container.ExitCode,
            OperationId = operationId,
            ProjectId = container.ProjectId,
            Timestamp = container.UpdatedAt,
        });

    public static ContainerSummary Summary(TrackedContainer container) => new()
    {
        ContainerId = container.CorrelationId,
        Name = container.Spec.Name,
        Image = container.Spec.Image,
        Status = container.Status,
        TaskState = container.TaskState,
        StatusReason = container.StatusReason,
        Host = container.Host,
        ExitCode = container.ExitCode,
        ProjectId = container.ProjectId,
        UserId = container.UserId,
    };
}
