namespace Zun.Contracts;

/// <summary>Terminal: the operation was refused before anything was done, for <see cref="Reason"/>.</summary>
public sealed record OperationRejected
{
    public Guid OperationId { get; init; }

    public Guid? ContainerId { get; init; }

    public ContainerAction Action { get; init; }

    /// <summary>Why, naming the field, or the action and the status it is not valid in.</summary>
    public string Reason { get; init; } = "";

    public string? ProjectId { get; init; }

    public string? UserId { get; init; }

    /// <summary>The container as it is when the event is published; absent for image pulls and unknown containers.</summary>
    public ContainerSummary? Container { get; init; }

    /// <summary>For image pulls: the image.</summary>
    public string? Image { get; init; }

    public DateTimeOffset Timestamp { get; init; }
}
