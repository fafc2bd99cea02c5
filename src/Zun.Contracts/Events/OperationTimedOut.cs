namespace Zun.Contracts;

/// <summary>
/// Terminal: no outcome came back from the host within the operation's deadline. The container's
/// status becomes Unknown until the host reports what it sees.
/// </summary>
public sealed record OperationTimedOut
{
    public Guid OperationId { get; init; }

    public Guid? ContainerId { get; init; }

    public ContainerAction Action { get; init; }

    public string? Host { get; init; }

    public string Reason { get; init; } = "";

    /// <summary>The container as it is when the event is published; absent for image pulls and unknown containers.</summary>
    public ContainerSummary? Container { get; init; }

    /// <summary>For image pulls: the image.</summary>
    public string? Image { get; init; }

    public DateTimeOffset Timestamp { get; init; }
}
