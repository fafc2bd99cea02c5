namespace Zun.Contracts;

/// <summary>Terminal: the operation was attempted and failed, for <see cref="Reason"/>.</summary>
public sealed record OperationFailed
{
    public Guid OperationId { get; init; }

    public Guid? ContainerId { get; init; }

    public ContainerAction Action { get; init; }

    public string? Host { get; init; }

    /// <summary>What went wrong, with the Docker engine's own error text where there is one.</summary>
    public string Reason { get; init; } = "";

    /// <summary>The container's status afterwards; absent for image pulls.</summary>
    public ContainerStatus? Status { get; init; }

    /// <summary>The container as it is when the event is published; absent for image pulls and unknown containers.</summary>
    public ContainerSummary? Container { get; init; }

    /// <summary>For image pulls: the image.</summary>
    public string? Image { get; init; }

    public DateTimeOffset Timestamp { get; init; }
}
