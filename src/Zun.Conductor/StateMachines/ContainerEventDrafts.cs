using Zun.Contracts;

namespace Zun.Conductor.StateMachines;

/// <summary>
/// The events a container's decisions raise, as the contracts define them. Each operation event carries a summary of
/// the container, so subscribers (and the OpenStack notifications made from these events) need no lookup.
/// </summary>
internal static class ContainerEventDrafts
{
    public static OperationAccepted Accepted(TrackedContainer container, ContainerOperation operation) => new()
    {
        OperationId = operation.OperationId,
        ContainerId = container.CorrelationId,
        Action = operation.Action,
        ProjectId = container.ProjectId,
        UserId = operation.UserId,
        Container = Summary(container),
        Timestamp = operation.AcceptedAt,
    };

    public static OperationDispatched Dispatched(TrackedContainer container, ContainerOperation operation, DateTimeOffset now) => new()
    {
        OperationId = operation.OperationId,
        ContainerId = container.CorrelationId,
        Action = operation.Action,
        Host = container.Host!,
        Timestamp = operation.DispatchedAt ?? now,
    };

    /// <summary>An operation completed; <paramref name="exitCode"/> is an exec's, when it is not the container's.</summary>
    public static OperationCompleted Completed(TrackedContainer container, ContainerOperation operation, DateTimeOffset now, int? exitCode = null) => new()
    {
        OperationId = operation.OperationId,
        ContainerId = container.CorrelationId,
        Action = operation.Action,
        Host = container.Host,
        Status = container.Status,
        ExitCode = exitCode ?? container.ExitCode,
        Container = Summary(container),
        Timestamp = now,
    };

    public static OperationFailed Failed(TrackedContainer container, ContainerOperation operation, string reason, DateTimeOffset now) => new()
    {
        OperationId = operation.OperationId,
        ContainerId = container.CorrelationId,
        Action = operation.Action,
        Host = container.Host,
        Reason = reason,
        Status = container.Status,
        Container = Summary(container),
        Timestamp = now,
    };

    public static OperationTimedOut TimedOut(TrackedContainer container, ContainerOperation operation, string reason, DateTimeOffset now) => new()
    {
        OperationId = operation.OperationId,
        ContainerId = container.CorrelationId,
        Action = operation.Action,
        Host = container.Host,
        Reason = reason,
        Container = Summary(container),
        Timestamp = now,
    };

    /// <summary>A refusal of an operation on a container Zun has a record of.</summary>
    public static OperationRejected Rejected(
        TrackedContainer container, Guid operationId, ContainerAction action, string reason, string? projectId, string? userId, DateTimeOffset now) =>
        Refused(operationId, container.CorrelationId, action, reason, projectId, userId, now) with { Container = Summary(container) };

    /// <summary>A refusal before any record of the container exists (or of a create that made none).</summary>
    public static OperationRejected Refused(
        Guid operationId, Guid containerId, ContainerAction action, string reason, string? projectId, string? userId, DateTimeOffset now) => new()
    {
        OperationId = operationId,
        ContainerId = containerId,
        Action = action,
        Reason = reason,
        ProjectId = projectId,
        UserId = userId,
        Timestamp = now,
    };

    public static ContainerStatusChanged StatusChanged(TrackedContainer container, ContainerStatus? previous, Guid? operationId) => new()
    {
        ContainerId = container.CorrelationId,
        Status = container.Status,
        PreviousStatus = previous,
        TaskState = container.TaskState,
        Host = container.Host,
        StatusReason = container.StatusReason,
        ExitCode = container.ExitCode,
        Health = container.Health,
        OperationId = operationId,
        ProjectId = container.ProjectId,
        Timestamp = container.UpdatedAt,
    };

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
