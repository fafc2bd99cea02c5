namespace Zun.Contracts;

/// <summary>The conductor's record of one operation: when it was accepted, dispatched and finished, and how.</summary>
public sealed record OperationInfo
{
    public Guid OperationId { get; init; }

    public Guid? ContainerId { get; init; }

    public ContainerAction Action { get; init; }

    public OperationState State { get; init; }

    /// <summary>Why it was rejected or failed.</summary>
    public string? Reason { get; init; }

    public string? Host { get; init; }

    public ContainerStatus? Status { get; init; }

    public int? ExitCode { get; init; }

    public DateTimeOffset? AcceptedAt { get; init; }

    public DateTimeOffset? DispatchedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }
}
