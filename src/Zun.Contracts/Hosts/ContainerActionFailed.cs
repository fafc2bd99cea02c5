namespace Zun.Contracts.Hosts;

/// <summary>Worker to conductor: an action failed, for <see cref="Reason"/>.</summary>
public sealed record ContainerActionFailed
{
    public Guid OperationId { get; init; }

    public Guid ContainerId { get; init; }

    public ContainerAction Action { get; init; }

    public string Host { get; init; } = "";

    public string Reason { get; init; } = "";

    /// <summary>The container's status after the failure, when the worker could read it; absent if it does not exist.</summary>
    public ContainerStatus? Status { get; init; }

    public int? ExitCode { get; init; }

    public DateTimeOffset Timestamp { get; init; }
}
