namespace Zun.Contracts.Hosts;

/// <summary>Worker to conductor: an action was carried out; <see cref="Status"/> is what Docker reports afterwards.</summary>
public sealed record ContainerActionCompleted
{
    public Guid OperationId { get; init; }

    public Guid ContainerId { get; init; }

    public ContainerAction Action { get; init; }

    public string Host { get; init; } = "";

    public ContainerStatus Status { get; init; }

    public int? ExitCode { get; init; }

    /// <summary>Why the container is in its status, when Docker says (for example OOMKilled).</summary>
    public string? StatusReason { get; init; }

    public DateTimeOffset Timestamp { get; init; }
}
