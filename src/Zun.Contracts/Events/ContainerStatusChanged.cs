namespace Zun.Contracts;

/// <summary>A container's status or task state changed, through Zun or outside it.</summary>
public sealed record ContainerStatusChanged
{
    public Guid ContainerId { get; init; }

    public ContainerStatus Status { get; init; }

    public ContainerStatus? PreviousStatus { get; init; }

    public TaskState? TaskState { get; init; }

    public string? Host { get; init; }

    public string? StatusReason { get; init; }

    public int? ExitCode { get; init; }

    /// <summary>Docker's health of a container with a health check (<c>starting</c>, <c>healthy</c>, <c>unhealthy</c>); a change of it alone is a status change too.</summary>
    public string? Health { get; init; }

    /// <summary>The operation that caused the change, if one did.</summary>
    public Guid? OperationId { get; init; }

    public string? ProjectId { get; init; }

    public DateTimeOffset Timestamp { get; init; }
}
