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

    /// <summary>Ports published on the host, as Docker assigned them.</summary>
    public PublishedPort[]? Ports { get; init; }

    /// <summary>For commit: the id of the image made.</summary>
    public string? ImageId { get; init; }

    /// <summary>When the worker read the outcome, by the worker's clock (orders it against <see cref="ContainerObserved"/>).</summary>
    public DateTimeOffset Timestamp { get; init; }
}
