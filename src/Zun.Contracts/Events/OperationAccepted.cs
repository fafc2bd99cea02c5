namespace Zun.Contracts;

/// <summary>The conductor accepted an operation; exactly one terminal event follows.</summary>
public sealed record OperationAccepted
{
    public Guid OperationId { get; init; }

    /// <summary>The container operated on; absent for image pulls.</summary>
    public Guid? ContainerId { get; init; }

    public ContainerAction Action { get; init; }

    public string? ProjectId { get; init; }

    public string? UserId { get; init; }

    /// <summary>The container as it is when the event is published; absent for image pulls and unknown containers.</summary>
    public ContainerSummary? Container { get; init; }

    /// <summary>For image pulls: the image.</summary>
    public string? Image { get; init; }

    public DateTimeOffset Timestamp { get; init; }
}
